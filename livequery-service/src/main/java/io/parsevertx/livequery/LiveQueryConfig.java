package io.parsevertx.livequery;

import io.parsevertx.common.options.OptionsException;
import io.parsevertx.common.options.ParseServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What livequery-service needs from the server options: the app's keys, the classes whose
 * changes are announced ({@code liveQuery.classNames}), and the server options Parse users pass
 * as {@code liveQueryServerOptions} ({@code keyPairs}, {@code websocketTimeout}, {@code path}).
 *
 * @param keyPairs the keys a client must present at connect (any one pair matching); empty for
 *     none
 * @param websocketTimeout milliseconds between server pings, 0 for none
 * @param path where the WebSocket endpoint is
 * @param port the port of its own server when no gateway runs in this process
 * @param ownServer whether to open that server (livequery without the gateway here)
 * @param redisURL where changes arrive from when LiveQuery runs on its own pods, or null for
 *     the event bus
 * @param protectedFields the {@code protectedFields} option, applied to events as to queries
 * @param cacheTimeout milliseconds a session token's user stays cached (ended sessions are
 *     dropped at once anyway)
 * @param regexTimeout milliseconds a {@code $regex} may run per match, 0 for no limit
 */
record LiveQueryConfig(String databaseURI, JsonObject databaseOptions, String appId,
    String masterKey, Set<String> classNames, Map<String, String> keyPairs,
    long websocketTimeout, String path, int port, boolean ownServer, long requestTimeout,
    String redisURL, JsonObject protectedFields, long cacheTimeout, long regexTimeout) {

  static LiveQueryConfig fromJson(JsonObject options) {
    JsonObject liveQuery = options.getJsonObject(ParseServerOptions.LIVE_QUERY, new JsonObject());
    JsonObject server = options.getJsonObject(ParseServerOptions.LIVE_QUERY_SERVER_OPTIONS,
        new JsonObject());
    Set<String> classNames = new java.util.LinkedHashSet<>();
    liveQuery.getJsonArray("classNames", new JsonArray()).forEach(n -> classNames.add(
        String.valueOf(n)));
    Map<String, String> keyPairs = new LinkedHashMap<>();
    Object pairs = server.getValue("keyPairs", liveQuery.getValue("keyPairs"));
    if (pairs instanceof JsonObject json) {
      json.forEach(e -> keyPairs.put(e.getKey(), String.valueOf(e.getValue())));
    } else if (pairs != null) {
      throw new OptionsException("Invalid option --liveQueryServerOptions: keyPairs must be an "
          + "object");
    }
    long timeout = server.getLong("websocketTimeout", 10_000L);
    if (timeout < 0) {
      throw new OptionsException("Invalid option --liveQueryServerOptions: websocketTimeout "
          + "must not be negative");
    }
    JsonArray services = options.getJsonArray(ParseServerOptions.SERVICES, new JsonArray());
    return new LiveQueryConfig(options.getString(ParseServerOptions.DATABASE_URI),
        options.getJsonObject(ParseServerOptions.DATABASE_OPTIONS),
        options.getString(ParseServerOptions.APP_ID), options.getString(
            ParseServerOptions.MASTER_KEY), Set.copyOf(classNames), keyPairs, timeout,
        server.getString("path", "/"),
        options.getNumber(ParseServerOptions.PORT, 1337).intValue(),
        !services.isEmpty() && !services.contains("gateway"),
        options.getNumber(ParseServerOptions.REQUEST_TIMEOUT, 30_000L).longValue(),
        server.getString("redisURL", liveQuery.getString("redisURL")),
        options.getJsonObject(ParseServerOptions.PROTECTED_FIELDS, new JsonObject()),
        nonNegative(server, "cacheTimeout", 5_000L), nonNegative(server, "regexTimeout", 100L));
  }

  private static long nonNegative(JsonObject server, String name, long fallback) {
    Object value = server.getValue(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number n) || n.longValue() < 0) {
      throw new OptionsException("Invalid option --liveQueryServerOptions: " + name
          + " must be a number of milliseconds");
    }
    return n.longValue();
  }
}
