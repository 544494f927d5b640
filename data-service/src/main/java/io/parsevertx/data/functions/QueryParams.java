package io.parsevertx.data.functions;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A find's parameters as the REST API carries them (query-string text or JSON) and as
 * {@code Parse.Query.fromJSON} / {@code toJSON} carry them, both ways.
 */
final class QueryParams {
  private static final Set<String> QUERY_KEYS = Set.of("where", "limit", "skip", "order",
      "keys", "include", "excludeKeys", "count", "readPreference", "hint");

  private QueryParams() {}

  /** The query as the SDK reads it: where an object, limit and skip numbers. */
  static JsonObject toQuery(JsonObject params) {
    JsonObject query = new JsonObject();
    for (String key : QUERY_KEYS) {
      Object value = params.getValue(key);
      if (value == null) {
        continue;
      }
      if ("where".equals(key) && value instanceof String text) {
        value = text.isBlank() ? new JsonObject() : new JsonObject(text);
      } else if (("limit".equals(key) || "skip".equals(key)) && value instanceof String text) {
        value = Integer.parseInt(text.trim());
      } else if ("count".equals(key)) {
        value = "1".equals(String.valueOf(value)) || Boolean.TRUE.equals(value);
      }
      query.put(key, value);
    }
    if (!query.containsKey("where")) {
      query.put("where", new JsonObject());
    }
    return query;
  }

  /** The request's parameters with the query keys replaced by the handler's query. */
  static JsonObject merge(JsonObject params, JsonObject query) {
    JsonObject merged = params.copy();
    if (query == null) {
      return merged;
    }
    QUERY_KEYS.forEach(merged::remove);
    query.forEach(entry -> merged.put(entry.getKey(), entry.getValue()));
    if (params.containsKey("count")) {
      merged.put("count", params.getValue("count"));
    }
    return merged;
  }
}
