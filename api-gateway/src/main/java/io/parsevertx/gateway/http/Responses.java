package io.parsevertx.gateway.http;

import io.parsevertx.common.ParseFields;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Successful responses: JSON bodies, and the absolute API URL for Location headers. */
final class Responses {
  private static final String MOUNT_KEY = "mountPath";

  private Responses() {}

  static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.toBuffer());
  }

  /** A JSON array body (Parse answers some lists, such as {@code GET /hooks/functions}, so). */
  static void jsonArray(RoutingContext ctx, io.vertx.core.json.JsonArray body) {
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.toBuffer());
  }

  /**
   * The HTTP status a service asked for ({@link ParseFields#REPLY_STATUS}, removed from the
   * body), or {@code fallback}.
   */
  static int takeStatus(JsonObject reply, int fallback) {
    return reply.remove(ParseFields.REPLY_STATUS) instanceof Integer status ? status : fallback;
  }

  static void rememberMount(RoutingContext ctx, String mountPath) {
    ctx.put(MOUNT_KEY, mountPath);
  }

  /** {@code http://host:port/parse}, as the client reached it. */
  static String apiUrl(RoutingContext ctx) {
    String mount = ctx.get(MOUNT_KEY);
    return ctx.request().scheme() + "://" + ctx.request().authority() + (mount == null ? "" : mount);
  }
}
