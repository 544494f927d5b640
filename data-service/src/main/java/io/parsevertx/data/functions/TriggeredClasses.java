package io.parsevertx.data.functions;

import io.parsevertx.cloud.CloudCaller;
import io.parsevertx.cloud.CloudCode;
import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.data.classes.ClassesService;
import io.parsevertx.data.hooks.WebhookCaller;
import io.parsevertx.data.hooks.Webhooks;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Object writes with the app's triggers around them: {@code beforeSave} may change the fields
 * to save or refuse the write, {@code afterSave} runs once it is stored; {@code beforeDelete}
 * may refuse a delete, {@code afterDelete} runs after it. An after-trigger's failure is logged,
 * not answered, as on Parse Server. Finds run {@code beforeFind} and {@code afterFind}. Classes
 * without triggers go straight through.
 */
public final class TriggeredClasses {
  private static final Logger LOG = LoggerFactory.getLogger(TriggeredClasses.class);
  private static final String BEFORE_SAVE = "beforeSave";
  private static final String AFTER_SAVE = "afterSave";
  private static final String BEFORE_DELETE = "beforeDelete";
  private static final String AFTER_DELETE = "afterDelete";
  private static final String BEFORE_FIND = "beforeFind";
  private static final String AFTER_FIND = "afterFind";

  private final ClassesService classes;
  private final CloudCode cloud;
  private final CloudCaller caller;
  private final Webhooks hooks;
  private final WebhookCaller webhooks;

  public TriggeredClasses(ClassesService classes, CloudCode cloud, Webhooks hooks,
      WebhookCaller webhooks) {
    this.classes = classes;
    this.cloud = cloud;
    this.caller = new CloudCaller(classes::get);
    this.hooks = hooks;
    this.webhooks = webhooks;
  }

  /** A trigger declared through /hooks, else one in the app's cloud code. */
  private boolean has(String kind, String className) {
    return className != null && (hooks.triggerUrl(kind, className).isPresent()
        || cloud.hasTrigger(kind, className));
  }

  /**
   * Runs the trigger: its webhook with Parse's payload ({@code triggerName}, {@code object},
   * {@code original}, the caller), else the cloud code handler. For beforeSave the answer is
   * a webhook's {@code success} object as {@code {"changes": ...}} (merged over the request),
   * or the handler's object as {@code {"fields": ...}} (every field to write).
   */
  private Future<JsonObject> trigger(String kind, String className, JsonObject request) {
    java.util.Optional<String> url = hooks.triggerUrl(kind, className);
    if (url.isEmpty()) {
      return cloud.runTrigger(kind, className, request);
    }
    JsonObject stored = request.getJsonObject("original");
    JsonObject object = (stored == null ? new JsonObject() : stored.copy())
        .mergeIn(request.getJsonObject("changes", new JsonObject())).put("className", className);
    JsonObject payload = request.copy().put("triggerName", kind).put("object", object);
    payload.remove("changes");
    payload.remove("previous");
    if (!kind.startsWith("before")) {
      payload.remove("original");
      if (request.getJsonObject("previous") != null) {
        payload.put("original", request.getJsonObject("previous"));
      }
    }
    return webhooks.call(url.get(), payload).map(answer -> {
      JsonObject changes = new JsonObject();
      if ("beforeSave".equals(kind) && answer instanceof JsonObject fields) {
        fields.forEach(e -> {
          if (!java.util.Set.of("className", "objectId", "createdAt", "updatedAt", "__type")
              .contains(e.getKey())) {
            changes.put(e.getKey(), e.getValue());
          }
        });
      }
      return new JsonObject().put("changes", changes);
    });
  }

  /**
   * A find with {@code beforeFind} (which may narrow or replace the query) and {@code afterFind}
   * (which may change, drop or add results) around it.
   */
  public Future<JsonObject> find(ServiceRequest request) {
    String className = request.className();
    boolean before = className != null && cloud.hasTrigger(BEFORE_FIND, className);
    boolean after = className != null && cloud.hasTrigger(AFTER_FIND, className);
    if (!before && !after) {
      return classes.find(request);
    }
    return caller.of(request).compose(call -> (before ? cloud.runFind(BEFORE_FIND, className,
            call.copy().put("query", QueryParams.toQuery(request.params())))
            .map(outcome -> QueryParams.merge(request.params(), outcome.getJsonObject("query")))
            : Future.succeededFuture(request.params()))
        .compose(params -> classes.find(new ServiceRequest(request.requestId(), request.auth(),
            className, null, params, request.body())))
        .compose(found -> !after ? Future.succeededFuture(found)
            : cloud.runFind(AFTER_FIND, className, call.copy().put("results",
                found.getJsonArray("results", new io.vertx.core.json.JsonArray())))
                .map(outcome -> found.copy().put("results", outcome.getJsonArray("objects")))));
  }

  public Future<JsonObject> create(ServiceRequest request) {
    String className = request.className();
    if (!saves(className)) {
      return classes.create(request);
    }
    return caller.of(request).compose(call -> before(BEFORE_SAVE, request, call, null)
        .compose(body -> classes.create(withBody(request, body))
            .onSuccess(reply -> after(AFTER_SAVE, className, call, null,
                body.copy().mergeIn(reply)))));
  }

  public Future<JsonObject> update(ServiceRequest request) {
    String className = request.className();
    if (!saves(className)) {
      return classes.update(request);
    }
    return caller.of(request).compose(call -> stored(request).compose(original ->
        before(BEFORE_SAVE, request, call, original).compose(body ->
            classes.update(withBody(request, body)).onSuccess(reply -> after(AFTER_SAVE,
                className, call, original, original.copy().mergeIn(body).mergeIn(reply))))));
  }

  public Future<JsonObject> delete(ServiceRequest request) {
    String className = request.className();
    if (!has(BEFORE_DELETE, className)
        && !has(AFTER_DELETE, className)) {
      return classes.delete(request);
    }
    return caller.of(request).compose(call -> stored(request).compose(original ->
        trigger(BEFORE_DELETE, className, call.copy().put("original", original))
            .compose(v -> classes.delete(request))
            .onSuccess(v -> after(AFTER_DELETE, className, call, original, null))));
  }

  private boolean saves(String className) {
    return has(BEFORE_SAVE, className) || has(AFTER_SAVE, className);
  }

  /** The body to write: as sent, with the fields the beforeSave handler set or unset. */
  private Future<JsonObject> before(String kind, ServiceRequest request, JsonObject call,
      JsonObject original) {
    JsonObject trigger = call.copy().put("changes", request.body());
    if (original != null) {
      trigger.put("original", original);
    }
    if (!has(kind, request.className())) {
      return Future.succeededFuture(request.body().copy());
    }
    return trigger(kind, request.className(), trigger).map(outcome -> {
      JsonObject fields = outcome.getJsonObject("fields");
      if (fields != null) {
        // note: the handler's object holds every plain field to write; the operations the
        // client sent (Increment, AddRelation, ...) were not set on it and stay as sent
        JsonObject body = new JsonObject();
        request.body().forEach(e -> {
          if (e.getValue() instanceof JsonObject op && op.containsKey("__op")) {
            body.put(e.getKey(), op);
          }
        });
        return body.mergeIn(fields);
      }
      JsonObject body = request.body().copy();
      JsonObject changes = outcome.getJsonObject("changes");
      if (changes != null) {
        body.mergeIn(changes);
      }
      return body;
    });
  }

  private void after(String kind, String className, JsonObject call, JsonObject original,
      JsonObject object) {
    if (!has(kind, className)) {
      return;
    }
    // note: an after-trigger sees the object as stored (for afterDelete: as it was)
    JsonObject trigger = call.copy().put("original", object == null ? original : object);
    if (object != null && original != null) {
      trigger.put("previous", original);
    }
    trigger(kind, className, trigger).onFailure(e -> LOG.warn(
        "event=cloud_after_trigger_failed trigger={} className={} error={}", kind, className,
        e.getMessage()));
  }

  /** The object as stored, read with the master key (a trigger sees all of it). */
  private Future<JsonObject> stored(ServiceRequest request) {
    return classes.get(new ServiceRequest(request.requestId(), AuthContext.masterKey(),
        request.className(), request.objectId(), null, null));
  }

  private static ServiceRequest withBody(ServiceRequest request, JsonObject body) {
    return new ServiceRequest(request.requestId(), request.auth(), request.className(),
        request.objectId(), request.params(), body);
  }
}
