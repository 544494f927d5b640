package io.parsevertx.gateway.http;

import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * Class schemas, master key only (403 {@code unauthorized: master key is required} without it).
 *
 * <pre>
 * GET    /schemas             curl -H "X-Parse-Application-Id: APP" -H "X-Parse-Master-Key: MK" URL/schemas
 * GET    /schemas/:className  curl -H ... URL/schemas/GameScore
 * POST   /schemas/:className  curl -X POST -H ... -d '{"fields":{"score":{"type":"Number"}}}' URL/schemas/GameScore
 * PUT    /schemas/:className  curl -X PUT -H ... -d '{"fields":{"score":{"__op":"Delete"}}}' URL/schemas/GameScore
 * DELETE /schemas/:className  curl -X DELETE -H ... URL/schemas/GameScore
 * </pre>
 */
final class SchemasRoutes {
  private final DataServiceClient data;

  SchemasRoutes(DataServiceClient data) {
    this.data = data;
  }

  void mount(Router router) {
    router.get("/schemas").handler(ctx -> handle(ctx, data::allSchemas));
    router.post("/schemas").handler(ctx -> handle(ctx, data::createSchema));
    router.get("/schemas/:className").handler(ctx -> handle(ctx, data::getSchema));
    router.post("/schemas/:className").handler(ctx -> handle(ctx, data::createSchema));
    router.put("/schemas/:className").handler(ctx -> handle(ctx, data::updateSchema));
    router.delete("/schemas/:className").handler(ctx -> handle(ctx, data::deleteSchema));
  }

  private static void handle(RoutingContext ctx,
      Function<ServiceRequest, Future<JsonObject>> operation) {
    operation.apply(ParseRequest.of(ctx).requireMaster().toService(ctx.pathParam("className"), null))
        .onSuccess(body -> Responses.json(ctx, body))
        .onFailure(ctx::fail);
  }
}
