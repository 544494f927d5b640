package io.parsevertx.livequery;

import io.parsevertx.cloud.CloudCaller;
import io.parsevertx.cloud.CloudCode;
import io.parsevertx.common.auth.AuthContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The app's LiveQuery triggers, run in this process by the cloud code it loaded:
 * {@code beforeConnect} may refuse a connection, {@code beforeSubscribe} may narrow a
 * subscription's query or refuse it. {@code request.user} is the caller's {@code _User}, read
 * from data-service; when that cannot be read the trigger does not run and the client is refused
 * rather than let through a check that might refuse.
 */
final class LiveTriggers {
  static final String CONNECT_CLASS = "@Connect";
  private final CloudCode cloud;
  private final CloudCaller caller;

  LiveTriggers(CloudCode cloud, CloudCaller caller) {
    this.cloud = cloud;
    this.caller = caller;
  }

  private Future<JsonObject> run(String kind, String className, AuthContext who,
      JsonObject request) {
    if (!cloud.hasTrigger(kind, className)) {
      return Future.succeededFuture(new JsonObject());
    }
    return caller.of(null, who).compose(call -> cloud.runLive(kind, className,
        call.mergeIn(request)));
  }

  /** @param request {@code useMasterKey}, {@code sessionToken}, {@code installationId}, ... */
  Future<Void> beforeConnect(AuthContext caller, JsonObject request) {
    return run("beforeConnect", CONNECT_CLASS, caller, request).mapEmpty();
  }

  /** @return the query to subscribe with ({@code where}, {@code keys}), as the handler left it */
  Future<JsonObject> beforeSubscribe(AuthContext caller, String className, JsonObject query) {
    return run("beforeSubscribe", className, caller, new JsonObject().put("query", query))
        .map(answer -> {
          JsonObject changed = answer.getJsonObject("query");
          if (changed == null) {
            return query;
          }
          // note: Parse.Query.toJSON() gives keys as "a,b"; the subscription takes a list
          JsonObject merged = query.copy().put("where", changed.getJsonObject("where",
              new JsonObject()));
          if (changed.getValue("keys") instanceof String keys && !keys.isBlank()) {
            merged.put("keys", new io.vertx.core.json.JsonArray(java.util.List.of(
                keys.split(","))));
          }
          return merged;
        });
  }
}
