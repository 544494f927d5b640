package io.parsevertx.gateway.http;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.error.UnauthorizedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure becomes an HTTP response. Parse errors keep Parse Server's
 * statuses (1 → 500, 101 → 404, 100 from {@code rateLimit} → 429, others → 400; 2, a service
 * that did not answer, → 503) and the
 * body {@code {"code":N,"error":"..."}}; a key failure is 403 {@code {"error":"unauthorized"}};
 * anything unexpected is logged once with the request id and answered with a generic 500.
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  static int httpStatus(ParseErrorCode code) {
    return switch (code) {
      case INTERNAL_SERVER_ERROR -> 500;
      case SERVICE_UNAVAILABLE -> 503;
      case OBJECT_NOT_FOUND -> 404;
      case CONNECTION_FAILED -> 429; // note: rateLimit's refusal, as Parse Server answers it
      default -> 400;
    };
  }

  static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (ctx.response().headWritten()) {
      LOG.warn("event=failure_after_response requestId={}", RequestIds.of(ctx), failure);
      ctx.response().reset();
      return;
    }
    if (failure instanceof UnauthorizedException unauthorized) {
      send(ctx, 403, new JsonObject().put("error", unauthorized.getMessage()));
    } else if (failure instanceof ParseException pe) {
      if (pe.code() == ParseErrorCode.INTERNAL_SERVER_ERROR && pe.getCause() != null) {
        LOG.error("event=internal_error requestId={}", RequestIds.of(ctx), pe.getCause());
      }
      send(ctx, httpStatus(pe.code()), body(pe.code(), pe.getMessage()));
    } else if (failure instanceof HttpException http) {
      sendStatus(ctx, http.getStatusCode());
    } else if (failure == null || ctx.statusCode() > 0) {
      sendStatus(ctx, ctx.statusCode()); // note: Vert.x Web's own refusals (CORS, 404, 413)
    } else {
      LOG.error("event=internal_error requestId={}", RequestIds.of(ctx), failure);
      send(ctx, 500, body(ParseErrorCode.INTERNAL_SERVER_ERROR, "Internal server error."));
    }
  }

  /** Failures raised by Vert.x Web itself: no route, body too large, bad method. */
  private static void sendStatus(RoutingContext ctx, int status) {
    switch (status) {
      case 404 -> send(ctx, 404, new JsonObject().put("error",
          "Cannot " + ctx.request().method().name() + " " + ctx.request().path()));
      case 403 -> send(ctx, 403, new JsonObject().put("error", "unauthorized"));
      case 405 -> send(ctx, 405, new JsonObject().put("error", "Method not allowed"));
      case 413 -> send(ctx, 413, ctx.request().path().contains("/files/")
          ? body(ParseErrorCode.FILE_SAVE_ERROR, "File size exceeds maximum allowed.")
          : body(ParseErrorCode.OBJECT_TOO_LARGE, "request entity too large"));
      default -> send(ctx, status < 500 ? status : 500, body(status < 500
          ? ParseErrorCode.INVALID_JSON : ParseErrorCode.INTERNAL_SERVER_ERROR,
          status < 500 ? "Bad request." : "Internal server error."));
    }
  }

  private static JsonObject body(ParseErrorCode code, String message) {
    return new JsonObject().put("code", code.code()).put("error", message);
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }
}
