package io.parsevertx.push.apns;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Parse's push {@code data} as an APNs payload: the keys Apple knows go into {@code aps}
 * ({@code alert} with {@code title}, {@code badge}, {@code sound}, {@code content-available},
 * {@code mutable-content}, {@code category}, {@code threadId}); {@code push_type} and
 * {@code priority} and {@code collapse_id} are headers, not payload; every other key travels beside {@code aps}.
 */
final class ApnsPayload {
  static final String PUSH_TYPE = "push_type";
  static final String PRIORITY = "priority";
  private static final Set<String> HEADER_KEYS = Set.of(PUSH_TYPE, PRIORITY, "collapse_id",
      "collapseId");

  private ApnsPayload() {}

  /** {@code collapse_id} (or {@code collapseId}): the {@code apns-collapse-id} header. */
  static String collapseId(JsonObject data) {
    Object value = data.getValue("collapse_id", data.getValue("collapseId"));
    return value == null ? null : value.toString();
  }

  static String of(JsonObject data) {
    JsonObject aps = new JsonObject();
    JsonObject payload = new JsonObject();
    Object alert = data.getValue("alert");
    String title = data.getValue("title") instanceof String t ? t : null;
    if (alert instanceof JsonObject dict) {
      aps.put("alert", title == null ? dict : dict.copy().put("title", title));
    } else if (title != null) {
      JsonObject dict = new JsonObject().put("title", title);
      if (alert != null) {
        dict.put("body", alert.toString());
      }
      aps.put("alert", dict);
    } else if (alert != null) {
      aps.put("alert", alert.toString());
    }
    for (String key : data.fieldNames()) {
      Object value = data.getValue(key);
      switch (key) {
        case "alert", "title" -> { }
        case "badge", "sound", "category" -> aps.put(key, value);
        case "threadId" -> aps.put("thread-id", value);
        // note: Apple only honours the integer 1, as the Parse guide warns
        case "content-available", "mutable-content" -> {
          if (value instanceof Number n && n.intValue() == 1) {
            aps.put(key, 1);
          }
        }
        default -> {
          if (!HEADER_KEYS.contains(key)) {
            payload.put(key, value);
          }
        }
      }
    }
    return payload.put("aps", aps).encode();
  }
}
