package io.parsevertx.gateway;

import io.parsevertx.common.bus.ServiceRole;
import io.parsevertx.common.options.ByteSizes;
import io.parsevertx.common.options.OptionsException;
import io.parsevertx.common.options.IdempotencyOptions;
import io.parsevertx.common.options.ParseServerOptions;
import io.parsevertx.common.options.RequestComplexity;
import io.parsevertx.common.security.IpAllowList;
import io.parsevertx.common.security.KeywordDenylist;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the gateway needs from the server options.
 *
 * @param clientKeys configured client keys by option name ({@code clientKey},
 *     {@code javascriptKey}, {@code restAPIKey}, {@code dotNetKey}); empty when none is required
 * @param healthServices the services {@code /health} waits for
 * @param rateLimits {@code rateLimit}, in order
 * @param trustedProxies {@code trustProxy}: whose {@code X-Forwarded-For} names the caller
 * @param serverInfo what {@code GET /serverInfo} answers
 */
public record GatewayConfig(String appId, String masterKey, String readOnlyMasterKey,
    IpAllowList masterKeyIps, KeywordDenylist keywordDenylist, Map<String, String> clientKeys,
    String host, int port, String mountPath, long maxBodyBytes, long requestTimeoutMillis,
    List<String> allowOrigins, List<String> allowHeaders, List<ServiceRole> healthServices,
    int batchRequestLimit, IdempotencyOptions idempotency, long sessionCacheTtlMillis,
    List<io.parsevertx.common.options.RateLimitRule> rateLimits,
    io.parsevertx.common.security.TrustedProxies trustedProxies, ServerInfo serverInfo) {
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 1337;
  public static final String DEFAULT_MOUNT_PATH = "/parse";
  public static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 30_000;
  public static final long DEFAULT_CACHE_TTL_MILLIS = 5_000;

  public static GatewayConfig fromJson(JsonObject options) {
    String appId = options.getString(ParseServerOptions.APP_ID);
    String masterKey = options.getString(ParseServerOptions.MASTER_KEY);
    if (appId == null || masterKey == null) {
      throw new OptionsException("Missing option --appId or --masterKey for the gateway");
    }
    Map<String, String> clientKeys = new java.util.LinkedHashMap<>();
    for (String key : List.of(ParseServerOptions.CLIENT_KEY, ParseServerOptions.JAVASCRIPT_KEY,
        ParseServerOptions.REST_API_KEY, ParseServerOptions.DOT_NET_KEY)) {
      String value = options.getString(key);
      if (value != null) {
        clientKeys.put(key, value);
      }
    }
    return new GatewayConfig(appId, masterKey,
        options.getString(ParseServerOptions.READ_ONLY_MASTER_KEY),
        IpAllowList.of(strings(options.getJsonArray(ParseServerOptions.MASTER_KEY_IPS,
            new JsonArray().add("127.0.0.1").add("::1")))),
        new KeywordDenylist(options.getJsonArray(ParseServerOptions.REQUEST_KEYWORD_DENYLIST)),
        Map.copyOf(clientKeys),
        options.getString(ParseServerOptions.HOST, DEFAULT_HOST),
        options.getNumber(ParseServerOptions.PORT, DEFAULT_PORT).intValue(),
        normalizeMountPath(options.getString(ParseServerOptions.MOUNT_PATH, DEFAULT_MOUNT_PATH)),
        ByteSizes.parse(options.getString(ParseServerOptions.MAX_UPLOAD_SIZE, "20mb")),
        options.getNumber(ParseServerOptions.REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT_MILLIS)
            .longValue(),
        strings(options.getJsonArray(ParseServerOptions.ALLOW_ORIGIN)),
        strings(options.getJsonArray(ParseServerOptions.ALLOW_HEADERS)),
        healthServices(options.getJsonArray(ParseServerOptions.SERVICES)),
        RequestComplexity.fromJson(options.getJsonObject(ParseServerOptions.REQUEST_COMPLEXITY))
            .batchRequestLimit(),
        IdempotencyOptions.fromJson(options.getJsonObject(ParseServerOptions.IDEMPOTENCY_OPTIONS)),
        options.getNumber(ParseServerOptions.CACHE_TTL, DEFAULT_CACHE_TTL_MILLIS).longValue(),
        io.parsevertx.common.options.RateLimitRule.from(options),
        io.parsevertx.common.security.TrustedProxies.from(options), ServerInfo.fromJson(options));
  }

  private static String normalizeMountPath(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static List<String> strings(JsonArray array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }

  /** In one JVM the gateway waits for every service deployed beside it; alone, for all. */
  private static List<ServiceRole> healthServices(JsonArray services) {
    if (services == null) {
      return ServiceRole.backends();
    }
    List<ServiceRole> roles = services.stream().map(s -> ServiceRole.fromFlagName(s.toString()))
        .filter(r -> r != null && r != ServiceRole.GATEWAY).toList();
    return roles.isEmpty() ? ServiceRole.backends() : roles;
  }
}
