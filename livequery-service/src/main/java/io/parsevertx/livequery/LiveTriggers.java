package io.parsevertx.livequery;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The app's LiveQuery triggers, run by the cloud code data-service loaded (over the bus):
 * {@code beforeConnect} may refuse a connection, {@code beforeSubscribe} may narrow a
 * subscription's query or refuse it. Asked only when this process has a {@code cloud} option
 * (a LiveQuery pod outside the clustered bus has none); with one, an unreachable data-service
 * refuses rather than skip a trigger that might refuse.
 */
final class LiveTriggers {
  static final String CONNECT_CLASS = "@Connect";
  private final DataServiceClient data;

  /** @param data null when no {@code cloud} is configured: no trigger to ask about */
  LiveTriggers(DataServiceClient data) {
    this.data = data;
  }

  /** @param request {@code useMasterKey}, {@code sessionToken}, {@code installationId}, ... */
  Future<Void> beforeConnect(AuthContext caller, JsonObject request) {
    if (data == null) {
      return Future.succeededFuture();
    }
    return data.runTrigger(new ServiceRequest(null, caller, CONNECT_CLASS, null,
        new JsonObject().put("triggerName", "beforeConnect"), request)).mapEmpty();
  }

  /** @return the query to subscribe with ({@code where}, {@code keys}), as the handler left it */
  Future<JsonObject> beforeSubscribe(AuthContext caller, String className, JsonObject query) {
    if (data == null) {
      return Future.succeededFuture(query);
    }
    return data.runTrigger(new ServiceRequest(null, caller, className, null,
            new JsonObject().put("triggerName", "beforeSubscribe"),
            new JsonObject().put("query", query)))
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
