package io.parsevertx.auth.mfa;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

/**
 * Posts {@code {"to", "message"}} to an SMS gateway ({@code auth.mfa.sms: {"url", "headers",
 * "timeoutMs"}}); any 2xx counts as sent.
 */
public final class HttpSmsSender implements SmsSender {
  private final WebClient client;
  private final String url;
  private final JsonObject headers;
  private final long timeoutMs;

  public HttpSmsSender(Vertx vertx, JsonObject options) {
    this.client = WebClient.create(vertx);
    this.url = options.getString("url");
    this.headers = options.getJsonObject("headers", new JsonObject());
    this.timeoutMs = options.getLong("timeoutMs", 5000L);
  }

  @Override
  public Future<Void> send(String mobile, String message) {
    var request = client.postAbs(url).timeout(timeoutMs);
    headers.forEach(h -> request.putHeader(h.getKey(), String.valueOf(h.getValue())));
    return request.sendJsonObject(new JsonObject().put("to", mobile).put("message", message))
        .compose(response -> response.statusCode() / 100 == 2 ? Future.<Void>succeededFuture()
            : Future.failedFuture("SMS gateway answered " + response.statusCode()));
  }
}
