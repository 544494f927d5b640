package io.parsevertx.auth.authdata;

import io.parsevertx.common.auth.AuthDataAdapter;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.options.OptionsException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

/**
 * Authentication by an app's own service, like deepstream's {@code http} type
 * ({@code auth: {"webhook": {"url", "timeoutMs", "headers"}}}): the credentials in
 * {@code authData.webhook} are POSTed as {@code {"authData", "ip", "installationId"}}; a 2xx
 * answer {@code {"id", "clientData"?, "serverData"?}} accepts the caller as the user with that
 * id, anything else (or no answer in time) refuses. {@code clientData} goes back to the client,
 * {@code serverData} stays with the session on the server.
 */
public final class WebhookAdapter implements AuthDataAdapter {
  private WebClient client;
  private String url;
  private long timeoutMs;
  private JsonObject headers;

  @Override
  public boolean needsId() {
    return false;
  }

  @Override
  public void init(Vertx vertx, JsonObject options) {
    url = options.getString("url");
    if (url == null) {
      throw new OptionsException("Invalid option --auth: webhook needs url");
    }
    timeoutMs = options.getLong("timeoutMs", 5000L);
    headers = options.getJsonObject("headers", new JsonObject());
    client = WebClient.create(vertx);
  }

  @Override
  public Future<Verified> verify(JsonObject authData, String ip, String installationId) {
    var request = client.postAbs(url).timeout(timeoutMs);
    headers.forEach(h -> request.putHeader(h.getKey(), String.valueOf(h.getValue())));
    JsonObject payload = new JsonObject().put("authData", authData).put("ip", ip)
        .put("installationId", installationId);
    return request.sendJsonObject(payload).recover(e -> Future.failedFuture(refused()))
        .compose(response -> {
          JsonObject answer = null;
          try {
            answer = response.statusCode() / 100 == 2 ? response.bodyAsJsonObject() : null;
          } catch (RuntimeException notJson) {
            answer = null;
          }
          if (answer == null || !(answer.getValue("id") instanceof String id) || id.isEmpty()) {
            return Future.failedFuture(refused());
          }
          return Future.succeededFuture(new Verified(id, new JsonObject().put("id", id),
              answer.getJsonObject("clientData"), answer.getJsonObject("serverData")));
        });
  }

  @Override
  public Future<Void> validateAuthData(JsonObject authData) {
    return verify(authData, null, null).mapEmpty();
  }

  private static ParseException refused() {
    return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, "webhook auth refused.");
  }
}
