package io.parsevertx.common.options;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code push} option in Parse Server's shape, checked at start:
 * {@code {"ios": {...} | [...], "osx"|"tvos"|"watchos": ..., "android": {"firebaseServiceAccount":
 * path | {...}}, "adapter": "<class>" | {"module", "options"}, "queueOptions": {"batchSize",
 * "leaseSeconds"}}}. Each wrong value ends the start with one line naming it.
 *
 * @param apns every Apple configuration, in the order given, per platform
 * @param android the FCM configuration, or null
 * @param adapterModule the class of a custom {@code PushAdapter}, or null for the default
 * @param adapterOptions options handed to that adapter
 * @param queue how sends are paged and leased
 */
public record PushOptions(List<ApnsConfig> apns, FcmConfig android, String adapterModule,
    JsonObject adapterOptions, QueueOptions queue) {
  /** The Apple platforms, under their Parse names ({@code osx} is macOS). */
  public static final List<String> APPLE_PLATFORMS = List.of("ios", "osx", "tvos", "watchos");
  public static final String ANDROID = "android";
  private static final String ADAPTER = "adapter";
  private static final String QUEUE_OPTIONS = "queueOptions";
  private static final Set<String> APNS_KEYS = Set.of("pfx", "passphrase", "cert", "key",
      "token", "topic", "bundleId", "production", "apnsHost", "apnsPort",
      "apnsTrustedCertificate");

  /**
   * One APNs connection: {@code pfx} (+ {@code passphrase}), or {@code cert} + {@code key} PEM
   * files, or a {@code token} signing key. {@code apnsHost}, {@code apnsPort} and
   * {@code apnsTrustedCertificate} are ours (not Parse Server's): they point at another APNs
   * endpoint, such as a test server.
   *
   * @param topic the {@code topic}, else the {@code bundleId}
   */
  public record ApnsConfig(String platform, String name, String pfx, String passphrase,
      String cert, String key, TokenKey token, String topic, boolean production, String apnsHost,
      Integer apnsPort, String apnsTrustedCertificate) {}

  /**
   * {@code push.queueOptions}: {@code batchSize} as in Parse Server (installations per page
   * handed to the provider); {@code leaseSeconds} is ours: how long a slice stays with a sender
   * that stopped reporting progress before another instance takes it over.
   */
  public record QueueOptions(int batchSize, int leaseSeconds) {
    public static final QueueOptions DEFAULT = new QueueOptions(500, 30);
  }

  /** A {@code .p8} key for token-based authentication. */
  public record TokenKey(String key, String keyId, String teamId) {}

  /**
   * FCM HTTP v1 through the Firebase Admin SDK.
   *
   * @param serviceAccount the service-account JSON (read from its file when a path was given)
   * @param fcmEndpoint ours: another root URL for the FCM API (a test server), or null
   */
  public record FcmConfig(JsonObject serviceAccount, String fcmEndpoint) {}

  /** Push is on when an adapter or at least one platform is configured. */
  public boolean enabled() {
    return adapterModule != null || !apns.isEmpty() || android != null;
  }

  /** @return the parsed option (none configured: empty); throws {@link OptionsException} */
  public static PushOptions from(JsonObject serverOptions) {
    Object value = serverOptions.getValue(ParseServerOptions.PUSH);
    if (value == null) {
      return new PushOptions(List.of(), null, null, new JsonObject(), QueueOptions.DEFAULT);
    }
    if (!(value instanceof JsonObject push)) {
      throw invalid("must be a JSON object");
    }
    for (String key : push.fieldNames()) {
      if (!APPLE_PLATFORMS.contains(key) && !ANDROID.equals(key) && !ADAPTER.equals(key)
          && !QUEUE_OPTIONS.equals(key)) {
        throw invalid("unknown key " + key + " (known: ios, osx, tvos, watchos, android, "
            + "adapter, queueOptions)");
      }
    }
    List<ApnsConfig> apns = new ArrayList<>();
    for (String platform : APPLE_PLATFORMS) {
      Object configs = push.getValue(platform);
      if (configs instanceof JsonObject one) {
        apns.add(apns(platform, platform, one));
      } else if (configs instanceof JsonArray many) {
        for (int i = 0; i < many.size(); i++) {
          if (!(many.getValue(i) instanceof JsonObject one)) {
            throw invalid(platform + "[" + i + "] must be a JSON object");
          }
          apns.add(apns(platform, platform + "[" + i + "]", one));
        }
      } else if (configs != null) {
        throw invalid(platform + " must be a JSON object or an array of them");
      }
    }
    String module = null;
    JsonObject adapterOptions = new JsonObject();
    Object adapter = push.getValue(ADAPTER);
    if (adapter instanceof String name) {
      module = name;
    } else if (adapter instanceof JsonObject json && json.getValue("module") instanceof String m) {
      module = m;
      adapterOptions = json.getJsonObject("options", new JsonObject());
    } else if (adapter != null) {
      throw invalid("adapter must be a class name or {\"module\": <class>, \"options\": {...}}");
    }
    return new PushOptions(List.copyOf(apns), android(push.getValue(ANDROID)), module,
        adapterOptions, queue(push.getValue(QUEUE_OPTIONS)));
  }

  private static QueueOptions queue(Object value) {
    if (value == null) {
      return QueueOptions.DEFAULT;
    }
    if (!(value instanceof JsonObject json)) {
      throw invalid("queueOptions must be a JSON object");
    }
    for (String key : json.fieldNames()) {
      if (!key.equals("batchSize") && !key.equals("leaseSeconds")) {
        throw invalid("queueOptions." + key + " is not a queue option (known: batchSize, "
            + "leaseSeconds)");
      }
    }
    return new QueueOptions(positive(json, "batchSize", QueueOptions.DEFAULT.batchSize()),
        positive(json, "leaseSeconds", QueueOptions.DEFAULT.leaseSeconds()));
  }

  private static int positive(JsonObject json, String key, int fallback) {
    Object value = json.getValue(key, fallback);
    if (!(value instanceof Number number) || number.doubleValue() != number.intValue()
        || number.intValue() < 1) {
      throw invalid("queueOptions." + key + " must be a whole number above 0");
    }
    return number.intValue();
  }

  private static ApnsConfig apns(String platform, String name, JsonObject json) {
    for (String key : json.fieldNames()) {
      if (!APNS_KEYS.contains(key)) {
        throw invalid(name + "." + key + " is not an APNs option");
      }
    }
    String pfx = file(json, name, "pfx");
    String cert = file(json, name, "cert");
    String key = file(json, name, "key");
    TokenKey token = null;
    if (json.getValue("token") instanceof JsonObject t) {
      token = new TokenKey(file(t, name + ".token", "key"), t.getString("keyId"),
          t.getString("teamId"));
      if (token.key() == null || token.keyId() == null || token.teamId() == null) {
        throw invalid(name + ".token needs key, keyId and teamId");
      }
    } else if (json.containsKey("token")) {
      throw invalid(name + ".token must be {\"key\", \"keyId\", \"teamId\"}");
    }
    int ways = (pfx != null ? 1 : 0) + (cert != null || key != null ? 1 : 0)
        + (token != null ? 1 : 0);
    if (ways != 1) {
      throw invalid(name + " needs exactly one of pfx, cert and key, or token");
    }
    if ((cert == null) != (key == null)) {
      throw invalid(name + " needs both cert and key");
    }
    String topic = json.getString("topic", json.getString("bundleId"));
    if (topic == null || topic.isBlank()) {
      throw invalid(name + " needs topic or bundleId");
    }
    Object production = json.getValue("production", false);
    if (!(production instanceof Boolean)) {
      throw invalid(name + ".production must be true or false");
    }
    Object port = json.getValue("apnsPort");
    if (port != null && !(port instanceof Number)) {
      throw invalid(name + ".apnsPort must be a number");
    }
    return new ApnsConfig(platform, name, pfx, json.getString("passphrase"), cert, key, token,
        topic, (Boolean) production, json.getString("apnsHost"),
        port == null ? null : ((Number) port).intValue(),
        file(json, name, "apnsTrustedCertificate"));
  }

  private static FcmConfig android(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonObject json)) {
      throw invalid("android must be a JSON object");
    }
    if (json.containsKey("apiKey") && !json.containsKey("firebaseServiceAccount")) {
      throw invalid("android.apiKey is FCM's retired legacy API; give firebaseServiceAccount");
    }
    Object account = json.getValue("firebaseServiceAccount");
    JsonObject serviceAccount;
    if (account instanceof JsonObject inline) {
      serviceAccount = inline;
    } else if (account instanceof String path) {
      try {
        serviceAccount = new JsonObject(Files.readString(Path.of(path)));
      } catch (java.io.IOException | io.vertx.core.json.DecodeException e) {
        throw invalid("android.firebaseServiceAccount: cannot read a JSON file at " + path);
      }
    } else {
      throw invalid("android needs firebaseServiceAccount (a path or the JSON)");
    }
    for (String field : List.of("project_id", "client_email", "private_key")) {
      if (!(serviceAccount.getValue(field) instanceof String)) {
        throw invalid("android.firebaseServiceAccount has no " + field);
      }
    }
    return new FcmConfig(serviceAccount, json.getString("fcmEndpoint"));
  }

  /** A file option: null when absent; its path must name a readable file. */
  private static String file(JsonObject json, String name, String key) {
    Object value = json.getValue(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String path) || !Files.isReadable(Path.of(path))) {
      throw invalid(name + "." + key + ": no readable file at " + value);
    }
    return path;
  }

  private static OptionsException invalid(String why) {
    return new OptionsException("Invalid option --push: " + why);
  }
}
