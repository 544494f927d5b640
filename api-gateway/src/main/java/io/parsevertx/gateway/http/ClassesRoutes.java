package io.parsevertx.gateway.http;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.bus.AuthServiceClient;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.schema.ClassNames;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Objects of any class, served by data-service.
 *
 * <pre>
 * POST   /classes/:className            curl -X POST -H "X-Parse-Application-Id: APP" -d '{"score":1}' URL/classes/GameScore
 * GET    /classes/:className            curl -H "X-Parse-Application-Id: APP" -G --data-urlencode 'where={"score":1}' URL/classes/GameScore
 * GET    /classes/:className/:objectId  curl -H "X-Parse-Application-Id: APP" URL/classes/GameScore/Ed1nuqPvcm
 * PUT    /classes/:className/:objectId  curl -X PUT -H "X-Parse-Application-Id: APP" -d '{"score":2}' URL/classes/GameScore/Ed1nuqPvcm
 * DELETE /classes/:className/:objectId  curl -X DELETE -H "X-Parse-Application-Id: APP" URL/classes/GameScore/Ed1nuqPvcm
 * (each also inside POST /batch; /roles and /installations name _Role and _Installation)
 * </pre>
 */
final class ClassesRoutes {
  private static final String CLASS_NAME = "className";
  private static final String OBJECT_ID = "objectId";

  private final DataServiceClient data;
  private final AuthServiceClient auth;
  private final IdempotencyGuard idempotency;

  /** Writes to {@code _User} go to auth-service, which owns passwords and sessions. */
  ClassesRoutes(DataServiceClient data, AuthServiceClient auth, IdempotencyGuard idempotency) {
    this.data = data;
    this.auth = auth;
    this.idempotency = idempotency;
  }

  void mount(Router router) {
    mount(router, "/classes/:className", ctx -> ctx.pathParam(CLASS_NAME));
    // note: Parse's REST API also names roles by their own path
    mount(router, "/roles", ctx -> ClassNames.ROLE);
    mount(router, "/installations", ctx -> ClassNames.INSTALLATION);
  }

  private void mount(Router router, String path,
      java.util.function.Function<RoutingContext, String> className) {
    router.post(path).handler(ctx -> handleCreate(ctx, className.apply(ctx)));
    router.get(path).handler(ctx -> handleFind(ctx, className.apply(ctx)));
    router.get(path + "/:objectId").handler(ctx -> handleGet(ctx, className.apply(ctx)));
    router.put(path + "/:objectId").handler(ctx -> handleUpdate(ctx, className.apply(ctx)));
    router.delete(path + "/:objectId").handler(ctx -> handleDelete(ctx, className.apply(ctx)));
  }

  /** The same operations as they may appear inside {@code POST /batch}. */
  List<BatchOperation> batchOperations() {
    String cls = "^/classes/([A-Za-z_][A-Za-z0-9_:]*)";
    String id = "/([A-Za-z0-9]+)$";
    UnaryOperator<ServiceRequest> same = UnaryOperator.identity();
    List<BatchOperation> operations = new java.util.ArrayList<>(List.of(
        BatchOperation.objects(HttpMethod.POST, cls + "$", "create", same, this::create),
        BatchOperation.objects(HttpMethod.GET, cls + "$", "find", same, data::find),
        BatchOperation.objects(HttpMethod.GET, cls + id, "get", same, data::get),
        BatchOperation.objects(HttpMethod.PUT, cls + id, "update", same, this::update),
        BatchOperation.objects(HttpMethod.DELETE, cls + id, "delete", same, this::delete),
        BatchOperation.objects(HttpMethod.POST, "^/roles$", "create", ClassesRoutes::asRole,
            data::create),
        BatchOperation.objects(HttpMethod.GET, "^/roles$", "find", ClassesRoutes::asRole,
            data::find),
        BatchOperation.objects(HttpMethod.GET, "^/roles" + id, "get", ClassesRoutes::asRole,
            data::get),
        BatchOperation.objects(HttpMethod.PUT, "^/roles" + id, "update", ClassesRoutes::asRole,
            data::update),
        BatchOperation.objects(HttpMethod.DELETE, "^/roles" + id, "delete",
            ClassesRoutes::asRole, data::delete)));
    UnaryOperator<ServiceRequest> installation = r -> new ServiceRequest(r.requestId(),
        r.auth(), ClassNames.INSTALLATION, r.className(), r.params(), r.body());
    operations.add(BatchOperation.objects(HttpMethod.POST, "^/installations$", "create",
        installation, data::create));
    operations.add(BatchOperation.objects(HttpMethod.PUT, "^/installations" + id, "update",
        installation, data::update));
    return operations;
  }

  /** A batch request on {@code /roles[/id]}: its one path group is the object id. */
  private static ServiceRequest asRole(ServiceRequest request) {
    return new ServiceRequest(request.requestId(), request.auth(), ClassNames.ROLE,
        request.className(), request.params(), request.body());
  }

  private Future<JsonObject> create(ServiceRequest request) {
    return ClassNames.USER.equals(request.className()) ? auth.signUp(request)
        : data.create(request);
  }

  private Future<JsonObject> update(ServiceRequest request) {
    return ClassNames.USER.equals(request.className()) ? auth.updateUser(request)
        : data.update(request);
  }

  private Future<JsonObject> delete(ServiceRequest request) {
    if (ClassNames.SESSION.equals(request.className())) {
      return auth.deleteSession(request);
    }
    return ClassNames.USER.equals(request.className()) ? auth.deleteUser(request)
        : data.delete(request);
  }

  private void handleCreate(RoutingContext ctx, String className) {
    idempotency.check(ctx)
        .compose(v -> create(ParseRequest.of(ctx).toService(className, null)))
        .onSuccess(created -> {
          int status = Responses.takeStatus(created, 201);
          ctx.response().setStatusCode(status);
          if (status == 201) {
            ctx.response().putHeader("Location", Responses.apiUrl(ctx) + "/classes/" + className
                + "/" + created.getString(ParseFields.OBJECT_ID));
          }
          Responses.json(ctx, created);
        })
        .onFailure(ctx::fail);
  }

  private void handleFind(RoutingContext ctx, String className) {
    reply(ctx, data.find(ParseRequest.of(ctx).toService(className, null)));
  }

  private void handleGet(RoutingContext ctx, String className) {
    reply(ctx, data.get(request(ctx, className)));
  }

  private void handleUpdate(RoutingContext ctx, String className) {
    reply(ctx, idempotency.check(ctx).compose(v -> update(request(ctx, className))));
  }

  private void handleDelete(RoutingContext ctx, String className) {
    reply(ctx, delete(request(ctx, className)));
  }

  private static ServiceRequest request(RoutingContext ctx, String className) {
    return ParseRequest.of(ctx).toService(className, ctx.pathParam(OBJECT_ID));
  }

  private static void reply(RoutingContext ctx, Future<JsonObject> result) {
    result.onSuccess(body -> Responses.json(ctx, body)).onFailure(ctx::fail);
  }
}
