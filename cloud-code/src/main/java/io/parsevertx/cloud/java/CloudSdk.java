package io.parsevertx.cloud.java;

import io.parsevertx.cloud.CloudHost;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * This server from inside Java cloud code, with no HTTP round trip: the same in-process
 * requests the Parse JS SDK makes from JavaScript cloud code. {@link #asMaster()} acts with the
 * master key, {@link #asUser(String)} as the holder of a session token; the default acts as the
 * caller of the function or trigger.
 */
public final class CloudSdk {
  private final CloudHost host;
  private final JsonObject options;

  CloudSdk(CloudHost host, JsonObject options) {
    this.host = host;
    this.options = options;
  }

  public CloudSdk asMaster() {
    return new CloudSdk(host, new JsonObject().put("useMasterKey", true));
  }

  public CloudSdk asUser(String sessionToken) {
    return new CloudSdk(host, new JsonObject().put("sessionToken", sessionToken));
  }

  /** @param query {@code where}, {@code limit}, {@code order}, ... as the REST API takes them */
  public Future<List<JsonObject>> find(String className, JsonObject query) {
    return host.request("GET", "classes/" + className, query, options)
        .map(found -> found.getJsonArray("results", new JsonArray()).stream()
            .map(JsonObject.class::cast).toList());
  }

  public Future<JsonObject> get(String className, String objectId) {
    return host.request("GET", "classes/" + className + "/" + objectId, new JsonObject(),
        options);
  }

  /** Creates the object, or updates it when it carries an {@code objectId}. */
  public Future<JsonObject> save(String className, JsonObject object) {
    String objectId = object.getString("objectId");
    JsonObject fields = object.copy();
    fields.remove("objectId");
    return objectId == null ? host.request("POST", "classes/" + className, fields, options)
        : host.request("PUT", "classes/" + className + "/" + objectId, fields, options);
  }

  public Future<Void> delete(String className, String objectId) {
    return host.request("DELETE", "classes/" + className + "/" + objectId, new JsonObject(),
        options).mapEmpty();
  }

  /** Runs a cloud function (JavaScript or Java) as this SDK's caller. */
  public Future<Object> run(String function, JsonObject params) {
    return host.request("POST", "functions/" + function, params, options)
        .map(answer -> answer.getValue("result"));
  }
}
