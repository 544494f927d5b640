package io.parsevertx.gateway.http;

import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Webhook declarations and job schedules (master key), kept by data-service.
 *
 * <pre>
 * GET    /hooks/functions                   curl -H "X-Parse-Application-Id: APP" -H "X-Parse-Master-Key: MK" URL/hooks/functions
 * POST   /hooks/functions                   ... -d '{"functionName":"baz","url":"https://example.com/baz"}' URL/hooks/functions
 * PUT    /hooks/functions/:name             ... -X PUT -d '{"url":"https://example.com/other"}' URL/hooks/functions/baz
 * DELETE /hooks/functions/:name             ... -X DELETE URL/hooks/functions/baz
 * GET    /hooks/triggers                    (and POST {"className","triggerName","url"})
 * GET|PUT|DELETE /hooks/triggers/:className/:triggerName
 * GET    /cloud_code/jobs/data              {"jobs": [defined], "in_use": [scheduled]}
 * GET|POST /cloud_code/jobs, PUT|DELETE /cloud_code/jobs/:objectId   {"job_schedule": {...}}
 * </pre>
 */
final class HooksRoutes {
  private final DataServiceClient data;

  HooksRoutes(DataServiceClient data) {
    this.data = data;
  }

  void mount(Router router) {
    router.route("/hooks/*").handler(ctx -> forward(ctx, data::hooks));
    router.route("/cloud_code/jobs").handler(ctx -> forward(ctx, data::jobSchedules));
    router.route("/cloud_code/jobs/*").handler(ctx -> forward(ctx, data::jobSchedules));
  }

  /**
   * Hands the method and the path below the route to data-service; a list is answered as the
   * array itself, as Parse Server does.
   */
  private static void forward(RoutingContext ctx,
      Function<ServiceRequest, Future<JsonObject>> service) {
    ServiceRequest plain = ParseRequest.of(ctx).requireMaster().toService(null, null);
    String path = ctx.pathParam("*");
    service.apply(new ServiceRequest(plain.requestId(), plain.auth(), null, null,
            plain.params().copy().put("method", ctx.request().method().name())
                .put("path", path == null ? "" : path), plain.body()))
        .onSuccess(reply -> {
          if (reply.size() == 1 && reply.getValue("results") instanceof JsonArray results) {
            Responses.jsonArray(ctx, results);
          } else {
            Responses.json(ctx, reply);
          }
        })
        .onFailure(ctx::fail);
  }
}
