package io.parsevertx.common.options;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of Parse Server's {@code rateLimit} option (an object or a list of them), checked
 * at start with one line naming what is wrong.
 *
 * @param requestPath the path pattern below the mount, as given ({@code /classes/*},
 *     {@code /functions/:name}, {@code *})
 * @param methods the methods limited; empty for all
 * @param windowMillis {@code requestTimeWindow}
 * @param count {@code requestCount}: requests allowed per window
 * @param message {@code errorResponseMessage}
 * @param includeMasterKey master-key requests count too (by default they are not limited)
 * @param includeInternalRequests requests the server makes to itself (Cloud Code) count too
 * @param redisUrl where counts are shared between gateways; null to count in memory
 * @param zone what is counted: the caller's address, the whole app, the session or the user
 */
public record RateLimitRule(String requestPath, Pattern path, Set<String> methods,
    long windowMillis, long count, String message, boolean includeMasterKey,
    boolean includeInternalRequests, String redisUrl, Zone zone) {

  public enum Zone { IP, GLOBAL, SESSION, USER }

  private static final String OPTION = "Invalid option --rateLimit: ";

  /** @return the rules of {@code rateLimit}, in order; empty when none */
  public static List<RateLimitRule> from(JsonObject serverOptions) {
    Object raw = serverOptions.getValue(ParseServerOptions.RATE_LIMIT);
    List<Object> entries = raw == null ? List.of() : raw instanceof JsonArray array
        ? array.getList() : List.of(raw);
    List<RateLimitRule> rules = new ArrayList<>();
    for (Object entry : entries) {
      Object rule = entry instanceof java.util.Map<?, ?> map
          ? new JsonObject((java.util.Map<String, Object>) map) : entry;
      if (!(rule instanceof JsonObject json)) {
        throw new OptionsException(OPTION + "each entry must be an object");
      }
      rules.add(of(json));
    }
    return List.copyOf(rules);
  }

  private static RateLimitRule of(JsonObject json) {
    if (!(json.getValue("requestPath") instanceof String path) || path.isBlank()) {
      throw new OptionsException(OPTION + "requestPath must be a string, e.g. \"/classes/*\"");
    }
    if (!(json.getValue("requestTimeWindow") instanceof Number window)
        || window.longValue() <= 0) {
      throw new OptionsException(OPTION + "requestTimeWindow must be a positive number of "
          + "milliseconds");
    }
    if (!(json.getValue("requestCount") instanceof Number count) || count.longValue() < 0) {
      throw new OptionsException(OPTION + "requestCount must be a number of requests");
    }
    Set<String> methods = new LinkedHashSet<>();
    Object given = json.getValue("requestMethods");
    List<?> listed = given == null ? List.of() : given instanceof JsonArray array
        ? array.getList() : List.of(given);
    for (Object method : listed) {
      String name = String.valueOf(method).toUpperCase(Locale.ROOT);
      if (!Set.of("GET", "POST", "PUT", "DELETE").contains(name)) {
        throw new OptionsException(OPTION + "requestMethods takes GET, POST, PUT, DELETE, got "
            + method);
      }
      methods.add(name);
    }
    Object message = json.getValue("errorResponseMessage", "Too many requests.");
    Object zone = json.getValue("zone", "ip");
    Zone parsedZone;
    try {
      parsedZone = Zone.valueOf(String.valueOf(zone).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new OptionsException(OPTION + "zone must be ip, global, session or user, got "
          + zone);
    }
    Object redis = json.getValue("redisUrl");
    if (redis != null && !(redis instanceof String s && s.startsWith("redis"))) {
      throw new OptionsException(OPTION + "redisUrl must be a redis:// URL");
    }
    return new RateLimitRule(path, pattern(path), Set.copyOf(methods), window.longValue(),
        count.longValue(), String.valueOf(message), flag(json, "includeMasterKey"),
        flag(json, "includeInternalRequests"), (String) redis, parsedZone);
  }

  private static boolean flag(JsonObject json, String name) {
    Object value = json.getValue(name, false);
    if (!(value instanceof Boolean b)) {
      throw new OptionsException(OPTION + name + " must be true or false");
    }
    return b;
  }

  /**
   * Parse Server's path patterns: {@code *} matches anything (also across {@code /}),
   * {@code :name} one path segment; the pattern matches the whole path below the mount.
   */
  static Pattern pattern(String requestPath) {
    StringBuilder regex = new StringBuilder("^");
    String path = requestPath.startsWith("/") || requestPath.startsWith("*") ? requestPath
        : "/" + requestPath;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '*') {
        regex.append(".*");
      } else if (c == ':' && i + 1 < path.length() && Character.isLetter(path.charAt(i + 1))) {
        while (i + 1 < path.length() && (Character.isLetterOrDigit(path.charAt(i + 1))
            || path.charAt(i + 1) == '_')) {
          i++;
        }
        regex.append("[^/]+");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.append("/?$").toString());
  }

  /** Whether a request of {@code method} to {@code path} (below the mount) is limited here. */
  public boolean applies(String method, String path) {
    return (methods.isEmpty() || methods.contains(method)) && this.path.matcher(path).matches();
  }
}
