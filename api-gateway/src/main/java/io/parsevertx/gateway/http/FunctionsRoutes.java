package io.parsevertx.gateway.http;

import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Cloud Code functions and jobs (master key), run by data-service through cloud-code.
 *
 * <pre>
 * POST /functions/:name  curl -X POST -H "X-Parse-Application-Id: APP" -H "Content-Type: application/json" -d '{"movie":"The Matrix"}' URL/functions/averageStars
 * POST /jobs/:name       curl -X POST -H "X-Parse-Application-Id: APP" -H "X-Parse-Master-Key: MK" -d '{}' URL/jobs/cleanup
 * </pre>
 */
final class FunctionsRoutes {
  private static final String FUNCTION_NAME =
      io.parsevertx.common.bus.DataServiceClient.FUNCTION_NAME;
  private static final String JOB_NAME = "jobName";
  private final DataServiceClient data;

  FunctionsRoutes(DataServiceClient data) {
    this.data = data;
  }

  void mount(Router router) {
    router.post("/functions/:name").handler(this::handleRun);
    router.post("/jobs/:name").handler(this::handleJob);
  }

  private void handleJob(RoutingContext ctx) {
    ServiceRequest plain = ParseRequest.of(ctx).requireMaster().toService(null, null);
    data.runJob(new ServiceRequest(plain.requestId(), plain.auth(), null, null,
            plain.params().copy().put(JOB_NAME, ctx.pathParam("name")), plain.body()))
        .onSuccess(reply -> {
          Object statusId = reply.remove(DataServiceClient.JOB_STATUS_ID);
          if (statusId != null) {
            ctx.response().putHeader(io.parsevertx.common.ParseHeaders.JOB_STATUS_ID,
                statusId.toString());
          }
          Responses.json(ctx, reply);
        })
        .onFailure(ctx::fail);
  }

  private void handleRun(RoutingContext ctx) {
    ServiceRequest plain = ParseRequest.of(ctx).toService(null, null);
    data.runFunction(new ServiceRequest(plain.requestId(), plain.auth(), null, null,
            plain.params().copy().put(FUNCTION_NAME, ctx.pathParam("name")), plain.body()))
        .onSuccess(body -> Responses.json(ctx, body)).onFailure(ctx::fail);
  }
}
