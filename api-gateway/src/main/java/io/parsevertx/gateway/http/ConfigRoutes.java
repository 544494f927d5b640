package io.parsevertx.gateway.http;

import io.parsevertx.common.bus.DataServiceClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Parse Config, purging a class, and aggregation (master key for all but reading config).
 *
 * <pre>
 * GET    /config             curl -H "X-Parse-Application-Id: APP" URL/config
 * PUT    /config             curl -X PUT -H ... -H "X-Parse-Master-Key: MK" -d '{"params":{"a":1}}' URL/config
 * DELETE /purge/:className   curl -X DELETE -H ... -H "X-Parse-Master-Key: MK" URL/purge/GameScore
 * GET    /aggregate/:className  curl -G -H ... --data-urlencode 'pipeline=[{"$group":{"_id":"$city"}}]' URL/aggregate/Person
 * </pre>
 */
final class ConfigRoutes {
  private final DataServiceClient data;

  ConfigRoutes(DataServiceClient data) {
    this.data = data;
  }

  void mount(Router router) {
    router.get("/config").handler(this::handleGet);
    router.put("/config").handler(this::handleUpdate);
    router.delete("/purge/:className").handler(this::handlePurge);
    router.get("/aggregate/:className").handler(this::handleAggregate);
  }

  private void handleGet(RoutingContext ctx) {
    data.getConfig(ParseRequest.of(ctx).toService(null, null))
        .onSuccess(body -> Responses.json(ctx, body)).onFailure(ctx::fail);
  }

  private void handleUpdate(RoutingContext ctx) {
    data.updateConfig(ParseRequest.of(ctx).requireMaster().toService(null, null))
        .onSuccess(body -> Responses.json(ctx, body)).onFailure(ctx::fail);
  }

  private void handleAggregate(RoutingContext ctx) {
    data.aggregate(ParseRequest.of(ctx).requireMaster().toService(ctx.pathParam("className"),
        null)).onSuccess(body -> Responses.json(ctx, body)).onFailure(ctx::fail);
  }

  private void handlePurge(RoutingContext ctx) {
    data.purge(ParseRequest.of(ctx).requireMaster().toService(ctx.pathParam("className"), null))
        .onSuccess(body -> Responses.json(ctx, body)).onFailure(ctx::fail);
  }
}
