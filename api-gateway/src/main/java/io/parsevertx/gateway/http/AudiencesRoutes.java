package io.parsevertx.gateway.http;

import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.schema.ClassNames;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Push audiences, objects of {@code _Audience} ({@code name}, {@code query}, {@code lastUsed},
 * {@code timesUsed}), master key only, as Parse Server's AudiencesRouter: {@code query} is
 * stored as a JSON string and answered as the object it encodes.
 *
 * <pre>
 * GET    /push_audiences            curl -H "X-Parse-Application-Id: APP" -H "X-Parse-Master-Key: MK" URL/push_audiences
 * GET    /push_audiences/:objectId  curl -H ... URL/push_audiences/Ed1nuqPvcm
 * POST   /push_audiences            curl -X POST -H ... -d '{"name":"fr","query":"{\"deviceType\":\"ios\"}"}' URL/push_audiences
 * PUT    /push_audiences/:objectId  curl -X PUT -H ... -d '{"name":"french"}' URL/push_audiences/Ed1nuqPvcm
 * DELETE /push_audiences/:objectId  curl -X DELETE -H ... URL/push_audiences/Ed1nuqPvcm
 * </pre>
 */
final class AudiencesRoutes {
  private static final String PATH = "/push_audiences";
  private static final String OBJECT_ID = "objectId";
  private static final String QUERY = "query";

  private final DataServiceClient data;

  AudiencesRoutes(DataServiceClient data) {
    this.data = data;
  }

  void mount(Router router) {
    router.get(PATH).handler(this::handleFind);
    router.get(PATH + "/:objectId").handler(this::handleGet);
    router.post(PATH).handler(this::handleCreate);
    router.put(PATH + "/:objectId").handler(this::handleUpdate);
    router.delete(PATH + "/:objectId").handler(this::handleDelete);
  }

  private void handleFind(RoutingContext ctx) {
    data.find(request(ctx, null))
        .onSuccess(found -> {
          JsonArray results = found.getJsonArray("results", new JsonArray());
          results.forEach(item -> {
            if (item instanceof JsonObject audience) {
              decodeQuery(audience);
            }
          });
          Responses.json(ctx, found);
        })
        .onFailure(ctx::fail);
  }

  private void handleGet(RoutingContext ctx) {
    data.get(request(ctx, ctx.pathParam(OBJECT_ID)))
        .onSuccess(audience -> Responses.json(ctx, decodeQuery(audience)))
        .onFailure(ctx::fail);
  }

  private void handleCreate(RoutingContext ctx) {
    data.create(request(ctx, null))
        .onSuccess(created -> {
          ctx.response().setStatusCode(Responses.takeStatus(created, 201));
          Responses.json(ctx, created);
        })
        .onFailure(ctx::fail);
  }

  private void handleUpdate(RoutingContext ctx) {
    data.update(request(ctx, ctx.pathParam(OBJECT_ID)))
        .onSuccess(body -> Responses.json(ctx, body)).onFailure(ctx::fail);
  }

  private void handleDelete(RoutingContext ctx) {
    data.delete(request(ctx, ctx.pathParam(OBJECT_ID)))
        .onSuccess(body -> Responses.json(ctx, body)).onFailure(ctx::fail);
  }

  /** The master-key request on {@code _Audience}; a {@code query} object is kept as its JSON. */
  private static ServiceRequest request(RoutingContext ctx, String objectId) {
    ServiceRequest request = ParseRequest.of(ctx).requireMaster()
        .toService(ClassNames.AUDIENCE, objectId);
    JsonObject body = request.body();
    if (body != null && (body.getValue(QUERY) instanceof JsonObject
        || body.getValue(QUERY) instanceof JsonArray)) {
      body = body.copy().put(QUERY, body.getValue(QUERY).toString());
    }
    return new ServiceRequest(request.requestId(), request.auth(), request.className(),
        request.objectId(), request.params(), body);
  }

  /** Parse Server answers {@code query} parsed; a stored string that is not JSON stays as is. */
  private static JsonObject decodeQuery(JsonObject audience) {
    if (audience.getValue(QUERY) instanceof String text) {
      try {
        audience.put(QUERY, new JsonObject(text));
      } catch (DecodeException | ClassCastException e) {
        // note: not an object; answered as stored
      }
    }
    return audience;
  }
}
