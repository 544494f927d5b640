package io.parsevertx.data.functions;

import io.parsevertx.cloud.CloudCaller;
import io.parsevertx.cloud.CloudCode;
import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.data.classes.ClassesService;
import io.parsevertx.data.hooks.WebhookCaller;
import io.parsevertx.data.hooks.Webhooks;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Finds and gets by id with {@code beforeFind} and {@code afterFind} around them, each run by
 * its webhook when one is declared through {@code /hooks}, else by the app's cloud code.
 *
 * <p>A get runs beforeFind with the query {@code objectId = id} and {@code isGet: true}; a
 * query the handler narrowed so the object no longer matches, or an afterFind that drops it,
 * is 101. A webhook gets Parse's payload ({@code triggerName}, {@code query}, {@code count},
 * {@code isGet} for beforeFind; {@code objects} for afterFind; the caller): as on Parse Server
 * a beforeFind webhook may only refuse ({@code error}), its {@code success} leaves the query;
 * an afterFind webhook's {@code success} array is the answer, anything else leaves it.
 */
final class FindTriggers {
  static final String BEFORE_FIND = "beforeFind";
  static final String AFTER_FIND = "afterFind";

  private final CloudCode cloud;
  private final CloudCaller caller;
  private final Webhooks hooks;
  private final WebhookCaller webhooks;
  private final BiPredicate<String, String> declared;

  /** @param declared whether a trigger (kind, className) is declared, by webhook or code */
  FindTriggers(CloudCode cloud, CloudCaller caller, Webhooks hooks, WebhookCaller webhooks,
      BiPredicate<String, String> declared) {
    this.cloud = cloud;
    this.caller = caller;
    this.hooks = hooks;
    this.webhooks = webhooks;
    this.declared = declared;
  }

  /** A find through {@code over}; fails with the handler's error when beforeFind refuses. */
  Future<JsonObject> find(ServiceRequest request, ClassesService over) {
    String className = request.className();
    boolean before = declared.test(BEFORE_FIND, className);
    boolean after = declared.test(AFTER_FIND, className);
    if (!before && !after) {
      return over.find(request);
    }
    return caller.of(request).compose(call -> beforeFind(className, call.put("isGet", false),
            request.params(), before)
        .compose(params -> over.find(withParams(request, params)))
        .compose(found -> !after ? Future.succeededFuture(found)
            : afterFind(className, call, found.getJsonArray("results", new JsonArray()))
                .map(objects -> found.copy().put("results", objects))));
  }

  /** A get by id through {@code over}; fails with 101 when a trigger leaves the object out. */
  Future<JsonObject> get(ServiceRequest request, ClassesService over) {
    String className = request.className();
    boolean before = declared.test(BEFORE_FIND, className);
    boolean after = declared.test(AFTER_FIND, className);
    if (!before && !after) {
      return over.get(request);
    }
    JsonObject byId = new JsonObject().put("objectId", request.objectId());
    return caller.of(request).compose(call -> beforeFind(className, call.put("isGet", true),
            request.params().copy().put("where", byId), before)
        .compose(params -> {
          Object where = params.remove("where");
          return over.get(withParams(request, params)).compose(found ->
              stillMatches(request, byId, where, over).map(matches -> {
                if (!matches) {
                  throw notFound();
                }
                return found;
              }));
        })
        .compose(found -> !after ? Future.succeededFuture(found)
            : afterFind(className, call, new JsonArray().add(found)).map(objects -> {
              if (objects.isEmpty() || !(objects.getValue(0) instanceof JsonObject first)) {
                throw notFound();
              }
              return first;
            })));
  }

  /** The find's parameters with the query beforeFind left (or returned) in place of its own. */
  private Future<JsonObject> beforeFind(String className, JsonObject call, JsonObject params,
      boolean run) {
    if (!run) {
      return Future.succeededFuture(params);
    }
    return this.run(BEFORE_FIND, className, call.copy().put("query",
            QueryParams.toQuery(params)))
        .map(outcome -> QueryParams.merge(params, outcome.getJsonObject("query")));
  }

  /** The results as afterFind left (or returned) them, in the REST shape. */
  private Future<JsonArray> afterFind(String className, JsonObject call, JsonArray results) {
    return run(AFTER_FIND, className, call.copy().put("results", results))
        .map(outcome -> outcome.getJsonArray("objects", results));
  }

  /**
   * The trigger's webhook, else its cloud code handler; answers as {@link CloudCode#runFind}
   * does ({@code {"query"}} or {@code {"objects"}}, or {@code {}} to leave things as they are).
   */
  private Future<JsonObject> run(String kind, String className, JsonObject request) {
    Optional<String> url = hooks.triggerUrl(kind, className);
    if (url.isEmpty()) {
      return cloud.runFind(kind, className, request);
    }
    JsonObject payload = request.copy().put("triggerName", kind);
    if (AFTER_FIND.equals(kind)) {
      payload.put("objects", payload.remove("results"));
    } else {
      payload.put("count", Boolean.TRUE.equals(request.getJsonObject("query")
          .getValue("count")));
    }
    return webhooks.call(url.get(), payload).map(answer -> {
      if (!AFTER_FIND.equals(kind) || !(answer instanceof JsonArray objects)) {
        return new JsonObject();
      }
      JsonArray shaped = new JsonArray();
      objects.forEach(item -> {
        if (item instanceof JsonObject object) {
          JsonObject rest = object.copy();
          rest.remove("className");
          rest.remove("__type");
          shaped.add(rest);
        }
      });
      return new JsonObject().put("objects", shaped);
    });
  }

  /**
   * Whether the object still matches the query beforeFind left: asked of the database (as the
   * master key: the get itself already applied the caller's permissions) only when it changed.
   */
  private static Future<Boolean> stillMatches(ServiceRequest request, JsonObject byId,
      Object where, ClassesService over) {
    if (where == null || byId.equals(where)) {
      return Future.succeededFuture(true);
    }
    JsonObject params = new JsonObject().put("where", new JsonObject().put("$and",
            new JsonArray().add(byId).add(where))).put("limit", 1).put("keys", "objectId");
    return over.find(new ServiceRequest(request.requestId(), AuthContext.masterKey(),
            request.className(), null, params, null))
        .map(found -> !found.getJsonArray("results", new JsonArray()).isEmpty());
  }

  private static ServiceRequest withParams(ServiceRequest request, JsonObject params) {
    return new ServiceRequest(request.requestId(), request.auth(), request.className(),
        request.objectId(), params, request.body());
  }

  private static ParseException notFound() {
    return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, "Object not found.");
  }
}
