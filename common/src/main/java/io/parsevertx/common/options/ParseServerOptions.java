package io.parsevertx.common.options;

import io.vertx.core.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every option the server knows, declared once: parse-server's own options (same names and
 * environment variables, so an existing config works unchanged) and this suite's additions.
 * The launcher builds its CLI from this list and config.json keys are checked against it.
 */
public final class ParseServerOptions {
  public static final String APP_ID = "appId";
  public static final String APP_NAME = "appName";
  public static final String MASTER_KEY = "masterKey";
  public static final String CLIENT_KEY = "clientKey";
  public static final String JAVASCRIPT_KEY = "javascriptKey";
  public static final String REST_API_KEY = "restAPIKey";
  public static final String DOT_NET_KEY = "dotNetKey";
  public static final String PORT = "port";
  public static final String HOST = "host";
  public static final String MOUNT_PATH = "mountPath";
  public static final String DATABASE_URI = "databaseURI";
  public static final String DATABASE_OPTIONS = "databaseOptions";
  public static final String LIVE_QUERY = "liveQuery";
  public static final String FILE_UPLOAD = "fileUpload";
  public static final String FILES_ADAPTER = "filesAdapter";
  public static final String PUSH = "push";
  public static final String SCHEDULED_PUSH = "scheduledPush";
  public static final String CLOUD = "cloud";
  public static final String CLOUD_TIMEOUT = "cloudTimeout";
  public static final String CLOUD_CONTEXTS = "cloudContexts";
  public static final String WEBHOOK_KEY = "webhookKey";
  public static final String WEBHOOK_TIMEOUT = "webhookTimeout";
  public static final String ENCRYPTION_KEY = "encryptionKey";
  public static final String RATE_LIMIT = "rateLimit";
  public static final String TRUST_PROXY = "trustProxy";
  public static final String SSL = "ssl";
  public static final String METRICS_PORT = "metricsPort";
  /** Set by the launcher (never by users) when the database is its embedded store. */
  public static final String EMBEDDED_STORE = "embeddedStore";
  public static final String LIVE_QUERY_SERVER_OPTIONS = "liveQueryServerOptions";
  public static final String SERVER_URL = "serverURL";
  public static final String PUBLIC_SERVER_URL = "publicServerURL";
  public static final String MAX_UPLOAD_SIZE = "maxUploadSize";
  public static final String MAX_LIMIT = "maxLimit";
  public static final String ALLOW_ORIGIN = "allowOrigin";
  public static final String ALLOW_HEADERS = "allowHeaders";
  public static final String OBJECT_ID_SIZE = "objectIdSize";
  public static final String LOG_LEVEL = "logLevel";
  public static final String VERBOSE = "verbose";
  public static final String SILENT = "silent";
  /** The values {@code logLevel} takes, as parse-server names them. */
  public static final java.util.List<String> LOG_LEVELS =
      java.util.List.of("error", "warn", "info", "verbose", "debug", "silly");
  // this suite's own options
  public static final String SERVICES = "services";
  public static final String CLUSTER = "cluster";
  public static final String CLUSTER_HOST = "clusterHost";
  public static final String CLUSTER_PORT = "clusterPort";
  public static final String CLUSTER_MEMBERS = "clusterMembers";
  public static final String CLUSTER_KUBERNETES_SERVICE = "clusterKubernetesService";
  public static final String DATA_DIR = "dataDir";
  public static final String REQUEST_TIMEOUT = "requestTimeout";
  public static final String REQUEST_COMPLEXITY = "requestComplexity";
  public static final String IDEMPOTENCY_OPTIONS = "idempotencyOptions";
  public static final String SESSION_LENGTH = "sessionLength";
  public static final String CACHE_TTL = "cacheTTL";
  public static final String ENFORCE_PRIVATE_USERS = "enforcePrivateUsers";
  public static final String BCRYPT_COST = "bcryptCost";
  public static final String MASTER_KEY_IPS = "masterKeyIps";
  public static final String READ_ONLY_MASTER_KEY = "readOnlyMasterKey";
  public static final String REQUEST_KEYWORD_DENYLIST = "requestKeywordDenylist";
  public static final String PROTECTED_FIELDS = "protectedFields";
  public static final String ALLOW_CLIENT_CLASS_CREATION = "allowClientClassCreation";
  public static final String ACCOUNT_LOCKOUT = "accountLockout";
  public static final String PASSWORD_POLICY = "passwordPolicy";
  public static final String VERIFY_USER_EMAILS = "verifyUserEmails";
  public static final String ENABLE_ANONYMOUS_USERS = "enableAnonymousUsers";
  public static final String EXPIRE_INACTIVE_SESSIONS = "expireInactiveSessions";
  public static final String AUTH = "auth";
  public static final String EMAIL_VERIFY_TOKEN_VALIDITY = "emailVerifyTokenValidityDuration";
  public static final String PREVENT_LOGIN_UNVERIFIED = "preventLoginWithUnverifiedEmail";
  public static final String EMAIL_ADAPTER = "emailAdapter";
  public static final String REVOKE_SESSION_ON_PASSWORD_RESET = "revokeSessionOnPasswordReset";

  private static final Map<String, OptionDef> BY_NAME = index(List.of(
      def("accountLockout", "PARSE_SERVER_ACCOUNT_LOCKOUT", OptionType.OBJECT, null, true),
      def("allowClientClassCreation", "PARSE_SERVER_ALLOW_CLIENT_CLASS_CREATION", OptionType.BOOLEAN, "false", true),
      def("allowCustomObjectId", "PARSE_SERVER_ALLOW_CUSTOM_OBJECT_ID", OptionType.BOOLEAN, "false", false),
      def("allowExpiredAuthDataToken", "PARSE_SERVER_ALLOW_EXPIRED_AUTH_DATA_TOKEN", OptionType.BOOLEAN, "false", false),
      def("allowHeaders", "PARSE_SERVER_ALLOW_HEADERS", OptionType.ARRAY, null, true),
      def("allowOrigin", "PARSE_SERVER_ALLOW_ORIGIN", OptionType.ARRAY, null, true),
      def("analyticsAdapter", "PARSE_SERVER_ANALYTICS_ADAPTER", OptionType.MODULE_OR_OBJECT, null, false),
      def("appId", "PARSE_SERVER_APPLICATION_ID", OptionType.STRING, null, true),
      def("appName", "PARSE_SERVER_APP_NAME", OptionType.STRING, null, true),
      def("auth", "PARSE_SERVER_AUTH_PROVIDERS", OptionType.OBJECT, null, true),
      def("cacheAdapter", "PARSE_SERVER_CACHE_ADAPTER", OptionType.MODULE_OR_OBJECT, null, false),
      def("cacheMaxSize", "PARSE_SERVER_CACHE_MAX_SIZE", OptionType.NUMBER, "10000", false),
      def("cacheTTL", "PARSE_SERVER_CACHE_TTL", OptionType.NUMBER, "5000", true),
      def("clientKey", "PARSE_SERVER_CLIENT_KEY", OptionType.STRING, null, true),
      def("cloud", "PARSE_SERVER_CLOUD", OptionType.STRING, null, true),
      own("cloudContexts", "PARSE_SERVER_CLOUD_CONTEXTS", OptionType.NUMBER, "2",
          "JavaScript contexts (each on its own worker thread) that run Cloud Code; at least 2"),
      own("cloudTimeout", "PARSE_SERVER_CLOUD_TIMEOUT", OptionType.NUMBER, "30000",
          "ms a Cloud Code handler may run before it is stopped and answered with error 124"),
      def("collectionPrefix", "PARSE_SERVER_COLLECTION_PREFIX", OptionType.STRING, "\"\"", false),
      def("convertEmailToLowercase", "PARSE_SERVER_CONVERT_EMAIL_TO_LOWERCASE", OptionType.BOOLEAN, "false", false),
      def("convertUsernameToLowercase", "PARSE_SERVER_CONVERT_USERNAME_TO_LOWERCASE", OptionType.BOOLEAN, "false", false),
      def("customPages", "PARSE_SERVER_CUSTOM_PAGES", OptionType.OBJECT, "{}", false),
      def("databaseAdapter", "PARSE_SERVER_DATABASE_ADAPTER", OptionType.MODULE_OR_OBJECT, null, false),
      def("databaseOptions", "PARSE_SERVER_DATABASE_OPTIONS", OptionType.OBJECT, null, false),
      def("databaseURI", "PARSE_SERVER_DATABASE_URI", OptionType.STRING, null, true),
      def("defaultLimit", "PARSE_SERVER_DEFAULT_LIMIT", OptionType.NUMBER, "100", false),
      def("directAccess", "PARSE_SERVER_DIRECT_ACCESS", OptionType.BOOLEAN, "true", false),
      def("dotNetKey", "PARSE_SERVER_DOT_NET_KEY", OptionType.STRING, null, true),
      def("emailAdapter", "PARSE_SERVER_EMAIL_ADAPTER", OptionType.MODULE_OR_OBJECT, null, true),
      def("emailVerifyTokenReuseIfValid", "PARSE_SERVER_EMAIL_VERIFY_TOKEN_REUSE_IF_VALID", OptionType.BOOLEAN, "false", false),
      def("emailVerifyTokenValidityDuration", "PARSE_SERVER_EMAIL_VERIFY_TOKEN_VALIDITY_DURATION", OptionType.NUMBER, null, true),
      def("enableAnonymousUsers", "PARSE_SERVER_ENABLE_ANON_USERS", OptionType.BOOLEAN, "true", true),
      def("enableCollationCaseComparison", "PARSE_SERVER_ENABLE_COLLATION_CASE_COMPARISON", OptionType.BOOLEAN, "false", false),
      def("enableExpressErrorHandler", "PARSE_SERVER_ENABLE_EXPRESS_ERROR_HANDLER", OptionType.BOOLEAN, "false", false),
      def("encodeParseObjectInCloudFunction", "PARSE_SERVER_ENCODE_PARSE_OBJECT_IN_CLOUD_FUNCTION", OptionType.BOOLEAN, "false", false),
      def("encryptionKey", "PARSE_SERVER_ENCRYPTION_KEY", OptionType.STRING, null, true),
      def("enforcePrivateUsers", "PARSE_SERVER_ENFORCE_PRIVATE_USERS", OptionType.BOOLEAN, "true", true),
      def("expireInactiveSessions", "PARSE_SERVER_EXPIRE_INACTIVE_SESSIONS", OptionType.BOOLEAN, "true", true),
      def("extendSessionOnUse", "PARSE_SERVER_EXTEND_SESSION_ON_USE", OptionType.BOOLEAN, "false", false),
      def("fileKey", "PARSE_SERVER_FILE_KEY", OptionType.STRING, null, false),
      def("filesAdapter", "PARSE_SERVER_FILES_ADAPTER", OptionType.MODULE_OR_OBJECT, null, true),
      def("fileUpload", "PARSE_SERVER_FILE_UPLOAD_OPTIONS", OptionType.OBJECT, "{}", false),
      def("graphQLPath", "PARSE_SERVER_GRAPHQL_PATH", OptionType.STRING, "\"/graphql\"", false),
      def("graphQLSchema", "PARSE_SERVER_GRAPH_QLSCHEMA", OptionType.STRING, null, false),
      def("host", "PARSE_SERVER_HOST", OptionType.STRING, "\"0.0.0.0\"", true),
      def("idempotencyOptions", "PARSE_SERVER_EXPERIMENTAL_IDEMPOTENCY_OPTIONS", OptionType.OBJECT, "{}", true),
      def("javascriptKey", "PARSE_SERVER_JAVASCRIPT_KEY", OptionType.STRING, null, true),
      def("jsonLogs", "JSON_LOGS", OptionType.BOOLEAN, null, false),
      def("liveQuery", "PARSE_SERVER_LIVE_QUERY", OptionType.OBJECT, null, false),
      def("liveQueryServerOptions", "PARSE_SERVER_LIVE_QUERY_SERVER_OPTIONS", OptionType.OBJECT, null, false),
      def("loggerAdapter", "PARSE_SERVER_LOGGER_ADAPTER", OptionType.MODULE_OR_OBJECT, null, false),
      def("logLevel", "PARSE_SERVER_LOG_LEVEL", OptionType.STRING, null, true),
      def("logLevels", "PARSE_SERVER_LOG_LEVELS", OptionType.OBJECT, "{}", false),
      def("logsFolder", "PARSE_SERVER_LOGS_FOLDER", OptionType.STRING, "\"./logs\"", false),
      def("maintenanceKey", "PARSE_SERVER_MAINTENANCE_KEY", OptionType.STRING, null, false),
      def("maintenanceKeyIps", "PARSE_SERVER_MAINTENANCE_KEY_IPS", OptionType.ARRAY, "[\"127.0.0.1\",\"::1\"]", false),
      def("masterKey", "PARSE_SERVER_MASTER_KEY", OptionType.STRING, null, true),
      def("masterKeyIps", "PARSE_SERVER_MASTER_KEY_IPS", OptionType.ARRAY, "[\"127.0.0.1\",\"::1\"]", true),
      def("maxLimit", "PARSE_SERVER_MAX_LIMIT", OptionType.NUMBER, null, true),
      def("maxLogFiles", "PARSE_SERVER_MAX_LOG_FILES", OptionType.NUMBER, null, false),
      def("maxUploadSize", "PARSE_SERVER_MAX_UPLOAD_SIZE", OptionType.STRING, "\"20mb\"", true),
      def("middleware", "PARSE_SERVER_MIDDLEWARE", OptionType.STRING, null, false),
      def("mountGraphQL", "PARSE_SERVER_MOUNT_GRAPHQL", OptionType.BOOLEAN, "false", false),
      def("metricsPort", "PARSE_SERVER_METRICS_PORT", OptionType.NUMBER, null, true),
      def("mountPath", "PARSE_SERVER_MOUNT_PATH", OptionType.STRING, "\"/parse\"", true),
      def("mountPlayground", "PARSE_SERVER_MOUNT_PLAYGROUND", OptionType.BOOLEAN, "false", false),
      def("objectIdSize", "PARSE_SERVER_OBJECT_ID_SIZE", OptionType.NUMBER, "10", true),
      def("pages", "PARSE_SERVER_PAGES", OptionType.OBJECT, "{}", false),
      def("passwordPolicy", "PARSE_SERVER_PASSWORD_POLICY", OptionType.OBJECT, null, true),
      def("playgroundPath", "PARSE_SERVER_PLAYGROUND_PATH", OptionType.STRING, "\"/playground\"", false),
      def("port", "PORT", OptionType.NUMBER, "1337", true),
      def("preserveFileName", "PARSE_SERVER_PRESERVE_FILE_NAME", OptionType.BOOLEAN, "false", false),
      def("preventLoginWithUnverifiedEmail", "PARSE_SERVER_PREVENT_LOGIN_WITH_UNVERIFIED_EMAIL", OptionType.BOOLEAN, "false", true),
      def("preventSignupWithUnverifiedEmail", "PARSE_SERVER_PREVENT_SIGNUP_WITH_UNVERIFIED_EMAIL", OptionType.BOOLEAN, "false", false),
      def("protectedFields", "PARSE_SERVER_PROTECTED_FIELDS", OptionType.OBJECT, "{\"_User\":{\"*\":[\"email\"]}}", true),
      def("publicServerURL", "PARSE_PUBLIC_SERVER_URL", OptionType.STRING, null, true),
      def("push", "PARSE_SERVER_PUSH", OptionType.OBJECT, null, true),
      def("rateLimit", "PARSE_SERVER_RATE_LIMIT", OptionType.OBJECT, "[]", true),
      def("readOnlyMasterKey", "PARSE_SERVER_READ_ONLY_MASTER_KEY", OptionType.STRING, null, true),
      def("requestKeywordDenylist", "PARSE_SERVER_REQUEST_KEYWORD_DENYLIST", OptionType.ARRAY, "[{\"key\":\"_bsontype\",\"value\":\"Code\"},{\"key\":\"constructor\"},{\"key\":\"__proto__\"}]", true),
      def("restAPIKey", "PARSE_SERVER_REST_API_KEY", OptionType.STRING, null, true),
      def("revokeSessionOnPasswordReset", "PARSE_SERVER_REVOKE_SESSION_ON_PASSWORD_RESET", OptionType.BOOLEAN, "true", true),
      def("scheduledPush", "PARSE_SERVER_SCHEDULED_PUSH", OptionType.BOOLEAN, "false", true),
      def("schema", "PARSE_SERVER_SCHEMA", OptionType.OBJECT, null, false),
      def("security", "PARSE_SERVER_SECURITY", OptionType.OBJECT, "{}", false),
      def("sendUserEmailVerification", "PARSE_SERVER_SEND_USER_EMAIL_VERIFICATION", OptionType.BOOLEAN, "true", false),
      def("serverCloseComplete", "PARSE_SERVER_SERVER_CLOSE_COMPLETE", OptionType.STRING, null, false),
      def("serverURL", "PARSE_SERVER_URL", OptionType.STRING, null, true),
      def("sessionLength", "PARSE_SERVER_SESSION_LENGTH", OptionType.NUMBER, "31536000", true),
      def("silent", "SILENT", OptionType.BOOLEAN, null, true),
      def("startLiveQueryServer", "PARSE_SERVER_START_LIVE_QUERY_SERVER", OptionType.BOOLEAN, null, false),
      def("ssl", "PARSE_SERVER_SSL", OptionType.OBJECT, null, true),
      def("trustProxy", "PARSE_SERVER_TRUST_PROXY", OptionType.ARRAY, "[]", true),
      def("userSensitiveFields", "PARSE_SERVER_USER_SENSITIVE_FIELDS", OptionType.ARRAY, null, false),
      def("verbose", "VERBOSE", OptionType.BOOLEAN, null, true),
      def("verifyUserEmails", "PARSE_SERVER_VERIFY_USER_EMAILS", OptionType.BOOLEAN, "false", true),
      def("webhookKey", "PARSE_SERVER_WEBHOOK_KEY", OptionType.STRING, null, true),
      own("webhookTimeout", "PARSE_SERVER_WEBHOOK_TIMEOUT", OptionType.NUMBER, "30000",
          "ms a webhook (/hooks) may take to answer before the call fails with 141")
,
      own(SERVICES, "PARSE_SERVER_SERVICES", OptionType.ARRAY,
          "[\"gateway\",\"data\",\"auth\",\"files\",\"push\",\"livequery\"]",
          "roles this process runs: gateway,data,auth,files,push,livequery (default all)"),
      own(CLUSTER, "PARSE_SERVER_CLUSTER", OptionType.BOOLEAN, "false",
          "join a clustered event bus (Hazelcast) instead of a local one"),
      own(CLUSTER_HOST, "PARSE_SERVER_CLUSTER_HOST", OptionType.STRING, null,
          "address this process's event bus and cluster member bind to"),
      own(CLUSTER_PORT, "PARSE_SERVER_CLUSTER_PORT", OptionType.NUMBER, "5701",
          "Hazelcast member port"),
      own(CLUSTER_MEMBERS, "PARSE_SERVER_CLUSTER_MEMBERS", OptionType.ARRAY, null,
          "TCP-IP cluster members host[:port],... (multicast off)"),
      own(CLUSTER_KUBERNETES_SERVICE, "PARSE_SERVER_CLUSTER_KUBERNETES_SERVICE",
          OptionType.STRING, null, "in Kubernetes: the headless Service whose DNS names the "
          + "cluster members (e.g. parse-cluster.parse.svc.cluster.local), instead of "
          + "clusterMembers"),
      own(DATA_DIR, "PARSE_SERVER_DATA_DIR", OptionType.STRING, "\"./data\"",
          "where the embedded store keeps its files when no databaseURI is given"),
      own(REQUEST_TIMEOUT, "PARSE_SERVER_REQUEST_TIMEOUT", OptionType.NUMBER, "30000",
          "milliseconds the gateway waits for a service before answering with error 2"),
      own(BCRYPT_COST, "PARSE_SERVER_BCRYPT_COST", OptionType.NUMBER, "10",
          "bcrypt cost of new password hashes (4-31)"),
      own(REQUEST_COMPLEXITY, "PARSE_SERVER_REQUEST_COMPLEXITY", OptionType.OBJECT, null,
          "limits: queryDepth 10, subqueryDepth 5, includeDepth 10, includeCount 50, "
              + "batchRequestLimit 50")));

  private ParseServerOptions() {}

  public static Map<String, OptionDef> all() {
    return BY_NAME;
  }

  /** The option with this name, or null. */
  public static OptionDef get(String name) {
    return BY_NAME.get(name);
  }

  private static OptionDef def(String name, String env, OptionType type, String defaultJson,
      boolean supported) {
    return new OptionDef(name, env, type, decodeDefault(type, defaultJson), supported,
        supported ? "" : "accepted for compatibility; not acted on yet");
  }

  private static OptionDef own(String name, String env, OptionType type, String defaultJson,
      String help) {
    return new OptionDef(name, env, type, decodeDefault(type, defaultJson), true, help);
  }

  private static Object decodeDefault(OptionType type, String defaultJson) {
    return defaultJson == null ? null : type.checkJson(Json.decodeValue(defaultJson));
  }

  private static Map<String, OptionDef> index(List<OptionDef> defs) {
    Map<String, OptionDef> map = new LinkedHashMap<>();
    for (OptionDef def : new ArrayList<>(defs)) {
      map.put(def.name(), def);
    }
    return Collections.unmodifiableMap(map);
  }
}
