package io.parsevertx.cloud;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.schema.ClassNames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * Who a Cloud Code request says is calling: {@code master}, {@code installationId}, {@code ip},
 * and {@code user} (the caller's {@code _User} with its {@code sessionToken}) when signed in.
 */
public final class CloudCaller {
  private final Function<ServiceRequest, Future<JsonObject>> objects;

  /**
   * @param objects reads one object as {@code GET /classes/:className/:objectId} does: in
   *     data-service its own store, elsewhere data-service over the bus
   */
  public CloudCaller(Function<ServiceRequest, Future<JsonObject>> objects) {
    this.objects = objects;
  }

  /** The caller, with {@code headers} and {@code context} as the gateway passed them on. */
  public Future<JsonObject> of(ServiceRequest request) {
    return of(request.requestId(), request.auth()).map(call -> withRequest(call, request));
  }

  /** Adds the request's {@code headers} and the client's {@code context} to a trigger's call. */
  public static JsonObject withRequest(JsonObject call, ServiceRequest request) {
    JsonObject headers = request.params().getJsonObject(ServiceRequest.CLOUD_HEADERS);
    if (headers != null) {
      call.put("headers", headers);
    }
    JsonObject context = request.params().getJsonObject(ServiceRequest.CLOUD_CONTEXT);
    if (context != null) {
      call.put("context", context);
    }
    return call;
  }

  public Future<JsonObject> of(String requestId, AuthContext auth) {
    return of(requestId, auth, null);
  }

  /**
   * @param known a user already at hand: taken as the caller when it is the caller (a user who
   *     just deleted themselves cannot be read any more)
   */
  public Future<JsonObject> of(String requestId, AuthContext auth, JsonObject known) {
    JsonObject call = new JsonObject().put("master", auth.master())
        .put("installationId", auth.installationId()).put("ip", auth.ip());
    if (auth.userId() == null) {
      return Future.succeededFuture(call);
    }
    if (known != null && auth.userId().equals(known.getString("objectId"))) {
      return Future.succeededFuture(call.put("user", known.copy().put("sessionToken",
          auth.sessionToken())));
    }
    return objects.apply(new ServiceRequest(requestId, AuthContext.masterKey(),
        ClassNames.USER, auth.userId(), null, null))
        .map(user -> call.put("user", user.put("sessionToken", auth.sessionToken())));
  }
}
