package io.parsevertx.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.options.OptionsException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TLS settings Parse users pass in the URI or {@code databaseOptions}, against a real
 * PostgreSQL serving TLS with a self-signed certificate: {@code ssl=true} with
 * {@code rejectUnauthorized=false} connects, the certificate as {@code ca} connects with
 * verification, and verification without it refuses (a Parse error, not a hang).
 */
class PostgresTlsTest {
  private static Vertx vertx;
  private static EmbeddedPostgres postgres;
  private static SelfSignedCertificate certificate;

  @BeforeAll
  static void start() throws IOException {
    vertx = Vertx.vertx();
    certificate = SelfSignedCertificate.create("localhost");
    Path key = Files.createTempFile("pg-key", ".pem");
    Files.copy(Path.of(certificate.privateKeyPath()), key,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    postgres = EmbeddedPostgres.builder().setServerConfig("ssl", "on")
        .setServerConfig("ssl_cert_file", certificate.certificatePath())
        .setServerConfig("ssl_key_file", key.toString()).start();
  }

  @AfterAll
  static void stop() throws IOException {
    vertx.close().await();
    postgres.close();
  }

  private static String uri(String query) {
    return "postgres://postgres:postgres@localhost:" + postgres.getPort() + "/postgres" + query;
  }

  private static boolean encrypted(PostgresStorageAdapter adapter) {
    try {
      return adapter.ping().map(v -> true).await();
    } finally {
      adapter.close().await();
    }
  }

  @Test
  void sslWithoutVerificationAndWithTheCertificateAsCa() {
    assertTrue(encrypted(PostgresStorageAdapter.connect(vertx,
        uri("?ssl=true&rejectUnauthorized=false"), null)));
    assertTrue(encrypted(PostgresStorageAdapter.connect(vertx, uri(""), new JsonObject()
        .put("ssl", new JsonObject().put("ca", certificate.certificatePath())))));
    PostgresStorageAdapter unverifiable = PostgresStorageAdapter.connect(vertx,
        uri("?ssl=true"), new JsonObject().put("connectionTimeoutMillis", 3000));
    ParseException refused = assertThrows(ParseException.class,
        () -> unverifiable.ping().await());
    assertEquals(ParseErrorCode.SERVICE_UNAVAILABLE, refused.code(), refused.getMessage());
    assertTrue(refused.getMessage().contains("TLS"), refused.getMessage());
    unverifiable.close().await();
  }

  @Test
  void wrongSettingsAreNamed() {
    OptionsException e = assertThrows(OptionsException.class, () -> PostgresStorageAdapter
        .checkSettings(uri(""), new JsonObject().put("max", -1)));
    assertTrue(e.getMessage().contains("max"), e.getMessage());
  }
}
