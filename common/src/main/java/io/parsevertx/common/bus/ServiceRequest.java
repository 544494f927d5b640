package io.parsevertx.common.bus;

import io.parsevertx.common.auth.AuthContext;
import io.vertx.core.json.JsonObject;

/**
 * The request envelope every service receives from the gateway over the event bus.
 *
 * @param requestId the id the gateway gave the HTTP request, for logs
 * @param auth who is calling
 * @param className the class addressed, if any
 * @param objectId the object addressed, if any
 * @param params query parameters ({@code where}, {@code limit}, ...), as strings or JSON values
 * @param body the JSON body, with the JS SDK's envelope keys already removed
 */
public record ServiceRequest(String requestId, AuthContext auth, String className,
    String objectId, JsonObject params, JsonObject body) {

  /**
   * Params the gateway sets (and strips from what a client sent) for the app's cloud code: the
   * request's HTTP headers without secrets, and the client's {@code context} (the SDK's
   * {@code X-Parse-Cloud-Context} header or {@code _context} body key).
   */
  public static final String CLOUD_HEADERS = "_cloudHeaders";
  public static final String CLOUD_CONTEXT = "_cloudContext";

  private static final String REQUEST_ID = "requestId";
  private static final String AUTH = "auth";
  private static final String CLASS_NAME = "className";
  private static final String OBJECT_ID = "objectId";
  private static final String PARAMS = "params";
  private static final String BODY = "body";

  public ServiceRequest {
    auth = auth == null ? AuthContext.anonymous() : auth;
    params = params == null ? new JsonObject() : params;
    body = body == null ? new JsonObject() : body;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put(REQUEST_ID, requestId)
        .put(AUTH, auth.toJson())
        .put(CLASS_NAME, className)
        .put(OBJECT_ID, objectId)
        .put(PARAMS, params)
        .put(BODY, body);
  }

  public static ServiceRequest fromJson(JsonObject json) {
    return new ServiceRequest(json.getString(REQUEST_ID),
        AuthContext.fromJson(json.getJsonObject(AUTH)), json.getString(CLASS_NAME),
        json.getString(OBJECT_ID), json.getJsonObject(PARAMS), json.getJsonObject(BODY));
  }
}
