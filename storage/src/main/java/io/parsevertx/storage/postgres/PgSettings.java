package io.parsevertx.storage.postgres;

import io.parsevertx.common.options.OptionsException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.PoolOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Connection settings from what Parse Server users already pass: the {@code databaseURI}
 * ({@code postgres://user:password@host:port/db?ssl=true&...}, also {@code sslmode},
 * {@code rejectUnauthorized}, {@code ca}/{@code sslrootcert}, {@code cert}/{@code sslcert},
 * {@code key}/{@code sslkey}, {@code max}, {@code idleTimeoutMillis},
 * {@code connectionTimeoutMillis}) and the {@code databaseOptions} option, whose keys win
 * ({@code ssl} may be {@code true} or {@code {rejectUnauthorized, ca, cert, key}}; PEM text or
 * a file path).
 */
record PgSettings(PgConnectOptions connect, PoolOptions pool) {
  static final int DEFAULT_POOL_SIZE = 16;

  static PgSettings of(String uri, JsonObject databaseOptions) {
    String base = uri.startsWith("postgres://") ? "postgresql://" + uri.substring(
        "postgres://".length()) : uri;
    JsonObject settings = new JsonObject();
    int query = base.indexOf('?');
    if (query >= 0) {
      for (String pair : base.substring(query + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          settings.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
      }
      base = base.substring(0, query);
    }
    if (databaseOptions != null) {
      settings.mergeIn(databaseOptions);
    }
    PgConnectOptions connect;
    try {
      connect = PgConnectOptions.fromUri(base);
    } catch (RuntimeException e) {
      throw new OptionsException("Invalid option --databaseURI: not a PostgreSQL URI");
    }
    connect.setCachePreparedStatements(true).setReconnectAttempts(2).setReconnectInterval(500);
    ssl(connect, settings);
    PoolOptions pool = new PoolOptions()
        .setMaxSize((int) number(settings, "max", DEFAULT_POOL_SIZE))
        .setIdleTimeout((int) number(settings, "idleTimeoutMillis", 30_000))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        // note: a request waits for a connection at most this long, then fails with a Parse
        // error rather than hanging while the database is away
        .setConnectionTimeout((int) number(settings, "connectionTimeoutMillis", 5000))
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
    return new PgSettings(connect, pool);
  }

  private static void ssl(PgConnectOptions connect, JsonObject settings) {
    Object ssl = settings.getValue("ssl");
    JsonObject tls = ssl instanceof JsonObject json ? json : new JsonObject();
    String mode = settings.getString("sslmode");
    boolean on = Boolean.TRUE.equals(ssl) || "true".equals(ssl) || ssl instanceof JsonObject
        || mode != null && !mode.equals("disable");
    if (!on) {
      return;
    }
    if (connect.getSslOptions() == null) {
      connect.setSslOptions(new io.vertx.core.net.ClientSSLOptions());
    }
    Object reject = tls.getValue("rejectUnauthorized", settings.getValue("rejectUnauthorized"));
    boolean verify = !(Boolean.FALSE.equals(reject) || "false".equals(reject));
    connect.setSslMode(switch (mode == null ? "" : mode) {
      case "verify-ca" -> SslMode.VERIFY_CA;
      case "verify-full" -> SslMode.VERIFY_FULL;
      case "prefer", "allow" -> SslMode.PREFER;
      default -> verify ? SslMode.VERIFY_CA : SslMode.REQUIRE;
    });
    if (!verify) {
      connect.getSslOptions().setTrustAll(true);
    }
    String ca = text(tls, settings, "ca", "sslrootcert");
    if (ca != null) {
      connect.getSslOptions().setTrustOptions(pem(ca) ? new PemTrustOptions().addCertValue(
          Buffer.buffer(ca)) : new PemTrustOptions().addCertPath(ca));
    } else if (verify) {
      // note: as node-postgres does, verify against the platform's certificate authorities
      connect.getSslOptions().setTrustOptions(TrustOptions.wrap(systemTrust()));
    }
    String cert = text(tls, settings, "cert", "sslcert");
    String key = text(tls, settings, "key", "sslkey");
    if (cert != null && key != null) {
      connect.getSslOptions().setKeyCertOptions(pem(cert)
          ? new PemKeyCertOptions().addCertValue(Buffer.buffer(cert)).addKeyValue(
              Buffer.buffer(key))
          : new PemKeyCertOptions().addCertPath(cert).addKeyPath(key));
    }
  }

  private static javax.net.ssl.TrustManagerFactory systemTrust() {
    try {
      javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
          javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      factory.init((java.security.KeyStore) null);
      return factory;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(JsonObject tls, JsonObject settings, String name, String alias) {
    Object value = tls.getValue(name, settings.getValue(name, settings.getValue(alias)));
    return value == null ? null : String.valueOf(value);
  }

  private static boolean pem(String value) {
    return value.contains("-----BEGIN");
  }

  private static long number(JsonObject settings, String name, long fallback) {
    Object value = settings.getValue(name);
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(
          value));
      if (parsed <= 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new OptionsException("Invalid option --databaseOptions: " + name
          + " must be a positive number");
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
