package io.parsevertx.gateway.http;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.ratelimit.RateLimiter;
import io.parsevertx.common.bus.BusFailures;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.schema.ClassNames;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;

/**
 * Many requests in one: each answered in order with {@code {"success":...}} or
 * {@code {"error":{"code","error"}}}, all under the batch's own keys and session.
 *
 * <pre>
 * POST /batch  curl -X POST -H "X-Parse-Application-Id: APP" -d '{"requests":[{"method":"POST",
 *              "path":"/parse/classes/GameScore","body":{"score":1}}]}' URL/batch
 * </pre>
 */
final class BatchRoutes {
  private final List<BatchOperation> operations;
  private final String mountPath;
  private final int maxRequests;
  private final DataServiceClient data;

  /** @param data runs batches with {@code transaction: true} */
  BatchRoutes(List<BatchOperation> operations, String mountPath, int maxRequests,
      DataServiceClient data, RateLimiter limiter) {
    this.data = data;
    this.limiter = limiter;
    this.operations = List.copyOf(operations);
    this.mountPath = mountPath.equals("/") ? "" : mountPath;
    this.maxRequests = maxRequests;
  }

  private final RateLimiter limiter;

  void mount(Router router) {
    router.post("/batch").handler(this::handleBatch);
  }

  private void handleBatch(RoutingContext ctx) {
    ParseRequest batch = ParseRequest.of(ctx);
    Object requests = batch.body().getValue("requests");
    if (!(requests instanceof JsonArray array)) {
      throw new ParseException(ParseErrorCode.INVALID_JSON, "requests must be an array");
    }
    if (array.size() > maxRequests) {
      throw ParseException.of(ParseErrorCode.INVALID_JSON,
          "Batch request limit exceeded: at most %d requests.", maxRequests);
    }
    if (Boolean.TRUE.equals(batch.body().getValue("transaction"))) {
      runInTransaction(ctx, batch, array);
      return;
    }
    // note: one after another, in the order given: Parse Server starts them all at once, so
    // any order is a valid answer, and this one makes a PUT after its POST deterministic
    JsonArray results = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (Object item : array) {
      chain = chain.compose(v -> run(batch, item).transform(done -> {
        if (done.succeeded()) {
          Responses.takeStatus(done.result(), 200);
        }
        results.add(done.succeeded() ? new JsonObject().put("success", done.result())
            : new JsonObject().put("error", errorBody(done.cause())));
        return Future.<Void>succeededFuture();
      }));
    }
    chain.onSuccess(v -> ctx.response().putHeader("Content-Type",
        "application/json; charset=utf-8").end(results.toBuffer())).onFailure(ctx::fail);
  }

  /**
   * All requests in one database transaction (data-service runs them): the answer is every
   * result, or, when one request fails, that request's error and nothing changed. Only object
   * requests of {@code /classes} and {@code /roles} can take part; users and sessions belong
   * to auth-service.
   */
  private void runInTransaction(RoutingContext ctx, ParseRequest batch, JsonArray requests) {
    JsonArray prepared = new JsonArray();
    List<Future<Void>> counted = new java.util.ArrayList<>();
    for (Object item : requests) {
      prepared.add(transactional(batch, item, counted));
    }
    Future.all(counted).compose(v -> data.transaction(new ServiceRequest(batch.requestId(),
            batch.auth(), null, null, null, new JsonObject().put("operations", prepared))))
        .onSuccess(done -> {
          JsonArray results = done.getJsonArray("results");
          results.forEach(r -> Responses.takeStatus(((JsonObject) r).getJsonObject("success"),
              200));
          ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
              .end(results.toBuffer());
        })
        .onFailure(ctx::fail);
  }

  /**
   * Each request inside a batch counts against its own path's {@code rateLimit}, so a batch
   * is no way around a limit.
   */
  private Future<Void> counted(ParseRequest batch, HttpMethod method, String path) {
    if (limiter.isEmpty()) {
      return Future.succeededFuture();
    }
    AuthContext auth = batch.auth();
    return limiter.check(new RateLimiter.Call(method.name(), path, auth.ip(),
        auth.sessionToken(), auth.userId(), auth.master(), false));
  }

  private JsonObject transactional(ParseRequest batch, Object item, List<Future<Void>> counted) {
    if (!(item instanceof JsonObject request) || !(request.getValue("method") instanceof String m)
        || !(request.getValue("path") instanceof String path)) {
      throw new ParseException(ParseErrorCode.INVALID_JSON,
          "each batch request needs a method and a path");
    }
    Object body = request.getValue("body");
    HttpMethod method = HttpMethod.valueOf(m.toUpperCase(Locale.ROOT));
    String relative = path.startsWith(mountPath + "/") ? path.substring(mountPath.length()) : path;
    for (BatchOperation operation : operations) {
      ServiceRequest matched = operation.match(method, relative, batch,
          body instanceof JsonObject b ? b : new JsonObject());
      if (matched == null) {
        continue;
      }
      if (operation.kind() == null || ClassNames.USER.equals(matched.className())
          || ClassNames.SESSION.equals(matched.className())) {
        throw ParseException.of(ParseErrorCode.COMMAND_UNAVAILABLE,
            "%s %s cannot run inside a batch transaction.", method, path);
      }
      counted.add(counted(batch, method, relative));
      return new JsonObject().put("kind", operation.kind()).put("request", matched.toJson());
    }
    throw new ParseException(ParseErrorCode.INVALID_JSON, "cannot route batch path " + path);
  }

  private Future<JsonObject> run(ParseRequest batch, Object item) {
    if (!(item instanceof JsonObject request) || !(request.getValue("method") instanceof String m)
        || !(request.getValue("path") instanceof String path)) {
      return Future.failedFuture(new ParseException(ParseErrorCode.INVALID_JSON,
          "each batch request needs a method and a path"));
    }
    Object body = request.getValue("body");
    JsonObject json = body instanceof JsonObject b ? b : new JsonObject();
    HttpMethod method = HttpMethod.valueOf(m.toUpperCase(Locale.ROOT));
    String relative = path.startsWith(mountPath + "/") ? path.substring(mountPath.length()) : path;
    for (BatchOperation operation : operations) {
      ServiceRequest matched = operation.match(method, relative, batch, json);
      if (matched != null) {
        return counted(batch, method, relative).compose(v -> operation.call().apply(matched));
      }
    }
    return Future.failedFuture(new ParseException(ParseErrorCode.INVALID_JSON,
        "cannot route batch path " + path));
  }

  private static JsonObject errorBody(Throwable failure) {
    ParseException e = BusFailures.toParseException(failure);
    return new JsonObject().put("code", e.code().code()).put("error", e.getMessage());
  }
}
