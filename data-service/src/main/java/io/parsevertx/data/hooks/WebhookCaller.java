package io.parsevertx.data.hooks;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a webhook as Parse Server does: POST of the request as JSON, with
 * {@code X-Parse-Webhook-Key}; {@code {"success": value}} is the answer, {@code {"error": ...}}
 * a refusal (141 with its message). No answer within {@code webhookTimeout}, a refused
 * connection or an answer that is not such JSON is a 141 too - never a hang, never an empty
 * success.
 */
public final class WebhookCaller {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookCaller.class);
  private static final String KEY_HEADER = "X-Parse-Webhook-Key";

  private final WebClient client;
  private final String webhookKey;
  private final long timeoutMillis;

  public WebhookCaller(Vertx vertx, String webhookKey, long timeoutMillis) {
    this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    this.webhookKey = webhookKey;
    this.timeoutMillis = timeoutMillis;
  }

  /** @return the {@code success} value (null when the webhook answered {@code success: null}) */
  public Future<Object> call(String url, JsonObject payload) {
    var request = client.postAbs(url).timeout(timeoutMillis)
        .putHeader("Content-Type", "application/json");
    if (webhookKey != null) {
      request.putHeader(KEY_HEADER, webhookKey);
    }
    return request.sendJsonObject(payload)
        .recover(e -> {
          LOG.warn("event=webhook_unanswered url={} error={}", url, e.getClass().getSimpleName());
          return Future.failedFuture(failed("the webhook did not answer within "
              + timeoutMillis + " ms"));
        })
        .compose(WebhookCaller::answer);
  }

  private static Future<Object> answer(HttpResponse<Buffer> response) {
    JsonObject body;
    try {
      body = response.body() == null ? null : response.bodyAsJsonObject();
    } catch (DecodeException | ClassCastException notJson) {
      body = null;
    }
    if (body != null && body.containsKey("success")) {
      return Future.succeededFuture(body.getValue("success"));
    }
    if (body != null && body.getValue("error") != null) {
      Object error = body.getValue("error");
      String message = error instanceof JsonObject json
          ? json.getString("message", json.getString("error", json.encode()))
          : error.toString();
      return Future.failedFuture(failed(message));
    }
    return Future.failedFuture(failed("the webhook answered HTTP " + response.statusCode()
        + " without {\"success\"} or {\"error\"} JSON"));
  }

  private static ParseException failed(String message) {
    return new ParseException(ParseErrorCode.SCRIPT_FAILED, message);
  }
}
