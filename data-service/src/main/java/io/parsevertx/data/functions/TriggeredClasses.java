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
import java.util.function.Consumer;
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
  public static final String CREATE = "create";
  public static final String UPDATE = "update";
  public static final String DELETE = "delete";

  private final ClassesService classes;
  private final CloudCode cloud;
  private final CloudCaller caller;
  private final Webhooks hooks;
  private final WebhookCaller webhooks;
  private final FindTriggers finds;

  public TriggeredClasses(ClassesService classes, CloudCode cloud, Webhooks hooks,
      WebhookCaller webhooks) {
    this.classes = classes;
    this.cloud = cloud;
    this.caller = new CloudCaller(classes::get);
    this.hooks = hooks;
    this.webhooks = webhooks;
    this.finds = new FindTriggers(cloud, caller, hooks, webhooks, this::has);
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
    return finds.find(request, classes);
  }

  /** As {@link #find(ServiceRequest)}, read through {@code over} (a transaction's classes). */
  public Future<JsonObject> find(ServiceRequest request, ClassesService over) {
    return finds.find(request, over);
  }

  /**
   * A get by id with {@code beforeFind} (the query {@code objectId = id}, {@code isGet}) and
   * {@code afterFind} (the one object) around it; 101 when either leaves the object out.
   */
  public Future<JsonObject> get(ServiceRequest request) {
    return finds.get(request, classes);
  }

  /** As {@link #get(ServiceRequest)}, read through {@code over} (a transaction's classes). */
  public Future<JsonObject> get(ServiceRequest request, ClassesService over) {
    return finds.get(request, over);
  }

  public Future<JsonObject> create(ServiceRequest request) {
    return prepare(CREATE, request, classes).compose(write -> classes.create(write.request())
        .onSuccess(write.after()::accept));
  }

  public Future<JsonObject> update(ServiceRequest request) {
    return prepare(UPDATE, request, classes).compose(write -> classes.update(write.request())
        .onSuccess(write.after()::accept));
  }

  public Future<JsonObject> delete(ServiceRequest request) {
    return prepare(DELETE, request, classes).compose(write -> classes.delete(write.request())
        .onSuccess(write.after()::accept));
  }

  /**
   * A write whose before-trigger ran: the request to apply (with beforeSave's changes in its
   * body) and what to do once the write is acknowledged (run the after-trigger with the
   * write's reply).
   */
  public record PreparedWrite(ServiceRequest request, Consumer<JsonObject> after) {}

  /**
   * Runs the before-trigger of a write that the caller then applies: a transaction applies it
   * and, once committed, calls {@link PreparedWrite#after()}. The stored object (what an update
   * or a delete changes) is read through {@code over}, so inside a transaction it is what the
   * earlier requests of the transaction left.
   *
   * @param kind {@link #CREATE}, {@link #UPDATE} or {@link #DELETE}
   * @return fails with the handler's error (141 or its code) when it refuses the write, 101
   *     when the object to update or delete does not exist
   */
  public Future<PreparedWrite> prepare(String kind, ServiceRequest request,
      ClassesService over) {
    String className = request.className();
    boolean deleting = DELETE.equals(kind);
    if (deleting ? !has(BEFORE_DELETE, className) && !has(AFTER_DELETE, className)
        : !saves(className)) {
      return Future.succeededFuture(new PreparedWrite(request, reply -> { }));
    }
    return caller.of(request).compose(call -> (CREATE.equals(kind)
            ? Future.succeededFuture((JsonObject) null) : stored(request, over))
        .compose(original -> deleting
            ? trigger(BEFORE_DELETE, className, call.copy().put("original", original))
                .map(outcome -> keepContext(call, outcome))
                .map(v -> new PreparedWrite(request, reply -> after(AFTER_DELETE, className,
                    call, original, null)))
            : before(BEFORE_SAVE, request, call, original).map(body -> new PreparedWrite(
                withBody(request, body), reply -> after(AFTER_SAVE, className, call, original,
                    (original == null ? body.copy() : original.copy().mergeIn(body))
                        .mergeIn(reply))))));
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
      keepContext(call, outcome);
      if (outcome.getJsonObject("fields") != null) {
        return CloudCode.bodyAfterBeforeSave(request.body(), outcome);
      }
      JsonObject body = request.body().copy();
      JsonObject changes = outcome.getJsonObject("changes");
      if (changes != null) {
        body.mergeIn(changes);
      }
      return body;
    });
  }

  /** The context as the before-trigger left it goes on to the after-trigger, as in Parse. */
  private static JsonObject keepContext(JsonObject call, JsonObject outcome) {
    if (outcome.getValue("context") instanceof JsonObject context) {
      call.put("context", context);
    }
    return outcome;
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
  private Future<JsonObject> stored(ServiceRequest request, ClassesService over) {
    return over.get(new ServiceRequest(request.requestId(), AuthContext.masterKey(),
        request.className(), request.objectId(), null, null));
  }

  private static ServiceRequest withBody(ServiceRequest request, JsonObject body) {
    return new ServiceRequest(request.requestId(), request.auth(), request.className(),
        request.objectId(), request.params(), body);
  }
}
