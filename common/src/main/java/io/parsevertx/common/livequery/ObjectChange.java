package io.parsevertx.common.livequery;

import io.vertx.core.json.JsonObject;

/**
 * A saved or deleted object, as data-service announces it for LiveQuery (on the event bus at
 * {@link io.parsevertx.common.bus.EventBusAddresses#LIVEQUERY_CHANGES}): the class, what
 * happened, the object after the change and before it, each as stored (ACL included).
 *
 * @param op {@code create}, {@code update} or {@code delete}
 * @param object the object after the change; for a delete, the deleted object
 * @param original the object before an update, else null
 */
public record ObjectChange(String className, String op, JsonObject object, JsonObject original) {
  public static final String CREATE = "create";
  public static final String UPDATE = "update";
  public static final String DELETE = "delete";

  /**
   * The Redis pub/sub channel that carries an app's changes to every livequery-service when
   * they run on their own pods ({@code liveQuery.redisURL}).
   */
  public static String redisChannel(String appId) {
    return "parse:livequery:" + appId;
  }

  public JsonObject toJson() {
    return new JsonObject().put("className", className).put("op", op).put("object", object)
        .put("original", original);
  }

  public static ObjectChange fromJson(JsonObject json) {
    return new ObjectChange(json.getString("className"), json.getString("op"),
        json.getJsonObject("object"), json.getJsonObject("original"));
  }
}
