package io.parsevertx.gateway.http;

import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Webhook declarations (master key), kept by data-service.
 *
 * <pre>
 * GET    /hooks/functions                   curl -H "X-Parse-Application-Id: APP" -H "X-Parse-Master-Key: MK" URL/hooks/functions
 * POST   /hooks/functions                   ... -d '{"functionName":"baz","url":"https://example.com/baz"}' URL/hooks/functions
 * PUT    /hooks/functions/:name             ... -X PUT -d '{"url":"https://example.com/other"}' URL/hooks/functions/baz
 * DELETE /hooks/functions/:name             ... -X DELETE URL/hooks/functions/baz
 * GET    /hooks/triggers                    (and POST {"className","triggerName","url"})
 * GET|PUT|DELETE /hooks/triggers/:className/:triggerName
 * </pre>
 */
final class HooksRoutes {
  private final DataServiceClient data;

  HooksRoutes(DataServiceClient data) {
    this.data = data;
  }

  void mount(Router router) {
    router.route("/hooks/*").handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    ParseRequest parsed = ParseRequest.of(ctx).requireMaster();
    ServiceRequest plain = parsed.toService(null, null);
    String path = ctx.pathParam("*");
    data.hooks(new ServiceRequest(plain.requestId(), plain.auth(), null, null,
            plain.params().copy().put("method", ctx.request().method().name())
                .put("path", path == null ? "" : path), plain.body()))
        .onSuccess(reply -> {
          // note: a list is answered as the array itself, as Parse Server does
          if (reply.size() == 1 && reply.getValue("results") instanceof JsonArray results) {
            Responses.jsonArray(ctx, results);
          } else {
            Responses.json(ctx, reply);
          }
        })
        .onFailure(ctx::fail);
  }
}
