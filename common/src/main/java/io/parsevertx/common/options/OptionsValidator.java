package io.parsevertx.common.options;

import io.parsevertx.common.bus.ServiceRole;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;

/** Checks option values beyond their type: ranges, formats, combinations. */
public final class OptionsValidator {

  private OptionsValidator() {}

  static void validate(JsonObject options) {
    requirePresent(options, ParseServerOptions.APP_ID);
    requirePresent(options, ParseServerOptions.MASTER_KEY);
    requirePort(options, ParseServerOptions.PORT, 0);
    requirePort(options, ParseServerOptions.CLUSTER_PORT, 0);
    String mountPath = options.getString(ParseServerOptions.MOUNT_PATH);
    if (!mountPath.startsWith("/")) {
      throw new OptionsException("Invalid option --mountPath: must start with /");
    }
    try {
      ByteSizes.parse(options.getString(ParseServerOptions.MAX_UPLOAD_SIZE));
    } catch (IllegalArgumentException e) {
      throw new OptionsException("Invalid option --maxUploadSize: " + e.getMessage());
    }
    requireUrl(options, ParseServerOptions.SERVER_URL);
    requireUrl(options, ParseServerOptions.PUBLIC_SERVER_URL);
    requireDatabaseUri(options.getString(ParseServerOptions.DATABASE_URI));
    requirePositive(options, ParseServerOptions.REQUEST_TIMEOUT);
    requirePositive(options, ParseServerOptions.OBJECT_ID_SIZE);
    requirePositive(options, ParseServerOptions.SESSION_LENGTH);
    Number cost = options.getNumber(ParseServerOptions.BCRYPT_COST);
    if (cost != null && (cost.intValue() < 4 || cost.intValue() > 31)) {
      throw new OptionsException("Invalid option --bcryptCost: must be between 4 and 31");
    }
    Number maxLimit = options.getNumber(ParseServerOptions.MAX_LIMIT);
    if (maxLimit != null && maxLimit.longValue() < 1) {
      throw new OptionsException("Invalid option --maxLimit: must be at least 1");
    }
    String logLevel = options.getString(ParseServerOptions.LOG_LEVEL);
    if (logLevel != null && !ParseServerOptions.LOG_LEVELS.contains(logLevel.toLowerCase())) {
      throw new OptionsException("Invalid option --logLevel: must be one of "
          + String.join(", ", ParseServerOptions.LOG_LEVELS));
    }
    Object complexity = options.getValue(ParseServerOptions.REQUEST_COMPLEXITY);
    if (complexity != null && !(complexity instanceof JsonObject)) {
      throw new OptionsException("Invalid option --requestComplexity: must be a JSON object");
    }
    RequestComplexity.fromJson((JsonObject) complexity);
    Object idempotency = options.getValue(ParseServerOptions.IDEMPOTENCY_OPTIONS);
    IdempotencyOptions.fromJson(idempotency instanceof JsonObject json ? json : null);
    try {
      io.parsevertx.common.security.IpAllowList.of(strings(options.getJsonArray(
          ParseServerOptions.MASTER_KEY_IPS, new JsonArray())));
    } catch (IllegalArgumentException e) {
      throw new OptionsException("Invalid option --masterKeyIps: " + e.getMessage());
    }
    String readOnly = options.getString(ParseServerOptions.READ_ONLY_MASTER_KEY);
    if (readOnly != null && readOnly.equals(options.getString(ParseServerOptions.MASTER_KEY))) {
      throw new OptionsException("Invalid option --readOnlyMasterKey: must differ from the "
          + "master key");
    }
    S3FilesOptions.from(options);
    FilesAdapterChoice.from(options);
    RateLimitRule.from(options);
    TlsOptions.from(options);
    io.parsevertx.common.security.TrustedProxies.from(options);
    PushOptions.from(options);
    CloudCodeOptions.from(options);
    for (Object role : options.getJsonArray(ParseServerOptions.SERVICES, new JsonArray())) {
      if (!(role instanceof String s) || ServiceRole.fromFlagName(s) == null) {
        throw new OptionsException("Invalid option --services: unknown service " + role
            + " (known: gateway,data,auth,files,push,livequery)");
      }
    }
  }

  private static java.util.List<String> strings(JsonArray array) {
    return array.stream().map(String::valueOf).toList();
  }

  private static void requirePresent(JsonObject options, String name) {
    Object value = options.getValue(name);
    if (value == null || value.toString().isBlank()) {
      OptionDef def = ParseServerOptions.get(name);
      throw new OptionsException("Missing option --" + name + " (or " + def.env() + ")");
    }
  }

  private static void requirePort(JsonObject options, String name, int min) {
    Number port = options.getNumber(name);
    if (port != null && (port.longValue() < min || port.longValue() > 65535)) {
      throw new OptionsException("Invalid option --" + name + ": must be between " + min
          + " and 65535");
    }
  }

  private static void requirePositive(JsonObject options, String name) {
    Number value = options.getNumber(name);
    if (value != null && value.longValue() <= 0) {
      throw new OptionsException("Invalid option --" + name + ": must be greater than 0");
    }
  }

  private static void requireUrl(JsonObject options, String name) {
    String url = options.getString(name);
    if (url != null && !isHttpUrl(url)) {
      throw new OptionsException("Invalid option --" + name + ": must be an http(s) URL, got "
          + url);
    }
  }

  /** An absolute {@code http} or {@code https} URL with a host. */
  public static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }


  private static void requireDatabaseUri(String uri) {
    if (uri != null && !uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")
        && !uri.startsWith("postgres://") && !uri.startsWith("postgresql://")) {
      throw new OptionsException("Invalid option --databaseURI: must be a mongodb://, "
          + "mongodb+srv://, postgres:// or postgresql:// URI");
    }
  }
}
