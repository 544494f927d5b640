package io.parsevertx.gateway.http;

import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Cloud Code functions, run by data-service through cloud-code.
 *
 * <pre>
 * POST /functions/:name  curl -X POST -H "X-Parse-Application-Id: APP" -H "Content-Type: application/json" -d '{"movie":"The Matrix"}' URL/functions/averageStars
 * </pre>
 */
final class FunctionsRoutes {
  private static final String FUNCTION_NAME = "functionName";
  private final DataServiceClient data;

  FunctionsRoutes(DataServiceClient data) {
    this.data = data;
  }

  void mount(Router router) {
    router.post("/functions/:name").handler(this::handleRun);
  }

  private void handleRun(RoutingContext ctx) {
    ServiceRequest plain = ParseRequest.of(ctx).toService(null, null);
    data.runFunction(new ServiceRequest(plain.requestId(), plain.auth(), null, null,
            plain.params().copy().put(FUNCTION_NAME, ctx.pathParam("name")), plain.body()))
        .onSuccess(body -> Responses.json(ctx, body)).onFailure(ctx::fail);
  }
}
