package io.parsevertx.cloud.java;

import io.parsevertx.cloud.CloudHost;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java handlers of every {@link CloudCodeModule} found, and how they run: on a worker thread
 * (a handler may block, the event loops never do), with requests and answers in the same shapes
 * as the JavaScript handlers'.
 */
public final class JavaHandlers implements Cloud {
  private static final Logger LOG = LoggerFactory.getLogger(JavaHandlers.class);
  private static final String USER = "_User";
  private static final String FILE = "@File";
  private static final Set<String> SERVER_FIELDS = Set.of("objectId", "createdAt", "updatedAt",
      "className", "__type");

  private final Map<String, CloudFunction> functions = new HashMap<>();
  /** "beforeSave:GameScore", "job:nightly", ...: a CloudTrigger, CloudJob, FindTrigger or
   * LiveTrigger, by the kind's dispatch. */
  private final Map<String, Object> triggers = new HashMap<>();

  /** The modules on the class path, and those of {@code jar} when given. */
  public static JavaHandlers load(Path jar) throws IOException {
    JavaHandlers handlers = new JavaHandlers();
    ClassLoader loader = JavaHandlers.class.getClassLoader();
    if (jar != null) {
      // note: kept open for the server's life; the module's classes load from it
      loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, loader);
    }
    for (CloudCodeModule module : ServiceLoader.load(CloudCodeModule.class, loader)) {
      module.register(handlers);
      LOG.info("event=cloud_java_module_loaded module={}", module.getClass().getName());
    }
    return handlers;
  }

  @Override
  public void define(String name, CloudFunction function) {
    functions.put(name, Objects.requireNonNull(function));
  }

  private void put(String kind, String className, Object handler) {
    triggers.put(kind + ":" + className, Objects.requireNonNull(handler));
  }

  @Override
  public void job(String name, CloudJob job) {
    put("job", name, job);
  }

  @Override
  public void beforeSave(String className, CloudTrigger trigger) {
    put("beforeSave", className, trigger);
  }

  @Override
  public void afterSave(String className, CloudTrigger trigger) {
    put("afterSave", className, trigger);
  }

  @Override
  public void beforeDelete(String className, CloudTrigger trigger) {
    put("beforeDelete", className, trigger);
  }

  @Override
  public void afterDelete(String className, CloudTrigger trigger) {
    put("afterDelete", className, trigger);
  }

  @Override
  public void beforeFind(String className, FindTrigger trigger) {
    put("beforeFind", className, trigger);
  }

  @Override
  public void afterFind(String className, FindTrigger trigger) {
    put("afterFind", className, trigger);
  }

  @Override
  public void beforeLogin(CloudTrigger trigger) {
    put("beforeLogin", USER, trigger);
  }

  @Override
  public void afterLogin(CloudTrigger trigger) {
    put("afterLogin", USER, trigger);
  }

  @Override
  public void afterLogout(CloudTrigger trigger) {
    put("afterLogout", "_Session", trigger);
  }

  @Override
  public void beforePasswordResetRequest(CloudTrigger trigger) {
    put("beforePasswordResetRequest", USER, trigger);
  }

  @Override
  public void beforeConnect(LiveTrigger trigger) {
    put("beforeConnect", "@Connect", trigger);
  }

  @Override
  public void beforeSubscribe(String className, LiveTrigger trigger) {
    put("beforeSubscribe", className, trigger);
  }

  @Override
  public void afterLiveQueryEvent(String className, LiveTrigger trigger) {
    put("afterLiveQueryEvent", className, trigger);
  }

  @Override
  public void beforeSaveFile(LiveTrigger trigger) {
    put("beforeSave", FILE, trigger);
  }

  @Override
  public void afterSaveFile(LiveTrigger trigger) {
    put("afterSave", FILE, trigger);
  }

  @Override
  public void beforeDeleteFile(LiveTrigger trigger) {
    put("beforeDelete", FILE, trigger);
  }

  @Override
  public void afterDeleteFile(LiveTrigger trigger) {
    put("afterDelete", FILE, trigger);
  }

  public boolean hasFunction(String name) {
    return functions.containsKey(name);
  }

  public boolean hasTrigger(String kind, String className) {
    return triggers.containsKey(kind + ":" + className);
  }

  /** "beforeSave:GameScore", "job:nightly", ...: every trigger and job registered. */
  public Set<String> triggerNames() {
    return Set.copyOf(triggers.keySet());
  }

  /** @return {@code {"result": ...}}, as a JavaScript function answers */
  public Future<JsonObject> runFunction(Vertx vertx, CloudHost host, String name,
      JsonObject request) {
    CloudFunction function = functions.get(name);
    FunctionRequest call = new FunctionRequest(request.getJsonObject("params", new JsonObject()),
        request.getBoolean("master", false), request.getJsonObject("user"),
        request.getString("installationId"), request.getString("ip"),
        new CloudSdk(host, callerOptions(request)));
    return onWorker(vertx, () -> function.handle(call))
        .map(result -> new JsonObject().put("result", result));
  }

  /**
   * @return for beforeSave {@code {"fields": ...}}: every plain field to write (a field the
   *     handler removed from the object becomes a Delete); else {@code {}}
   */
  public Future<JsonObject> runTrigger(Vertx vertx, CloudHost host, String kind,
      String className, JsonObject request) {
    CloudTrigger trigger = (CloudTrigger) triggers.get(kind + ":" + className);
    JsonObject original = request.getJsonObject("original");
    JsonObject changes = request.getJsonObject("changes", new JsonObject());
    JsonObject object = original == null ? new JsonObject() : original.copy();
    changes.forEach(e -> {
      if (!(e.getValue() instanceof JsonObject op && op.containsKey("__op"))) {
        object.put(e.getKey(), e.getValue());
      }
    });
    boolean before = kind.startsWith("before");
    JsonObject previous = before ? original : request.getJsonObject("previous");
    TriggerRequest call = new TriggerRequest(className, object, previous,
        request.getBoolean("master", false), request.getJsonObject("user"),
        new CloudSdk(host, callerOptions(request)));
    return onWorker(vertx, () -> trigger.handle(call)).map(v -> {
      if (!"beforeSave".equals(kind)) {
        return new JsonObject();
      }
      return new JsonObject().put("fields", written(original, changes, object));
    });
  }

  /** @return {@code {"result": ...}}, as a JavaScript job answers */
  public Future<JsonObject> runJob(Vertx vertx, CloudHost host, String name,
      JsonObject request) {
    CloudJob job = (CloudJob) triggers.get("job:" + name);
    JobRequest call = new JobRequest(name, request.getString("jobId"),
        request.getJsonObject("params", new JsonObject()),
        new CloudSdk(host, callerOptions(request)));
    return onWorker(vertx, () -> job.handle(call))
        .map(result -> new JsonObject().put("result", result));
  }

  /**
   * @param request the caller, and {@code query} (beforeFind) or {@code results} (afterFind)
   * @return beforeFind {@code {"query": ...}}, afterFind {@code {"objects": [...]}}, as the
   *     JavaScript handlers answer
   */
  public Future<JsonObject> runFind(Vertx vertx, CloudHost host, String kind, String className,
      JsonObject request) {
    FindTrigger trigger = (FindTrigger) triggers.get(kind + ":" + className);
    boolean before = "beforeFind".equals(kind);
    JsonObject query = before ? request.getJsonObject("query", new JsonObject()).copy() : null;
    if (query != null && query.getJsonObject("where") == null) {
      query.put("where", new JsonObject());
    }
    List<JsonObject> objects = before ? null : request.getJsonArray("results", new JsonArray())
        .stream().map(o -> ((JsonObject) o).copy())
        .collect(Collectors.toCollection(ArrayList::new));
    FindRequest call = new FindRequest(kind, className, query, objects,
        request.getBoolean("master", false), request.getJsonObject("user"),
        new CloudSdk(host, callerOptions(request)));
    return onWorker(vertx, () -> trigger.handle(call)).map(returned -> before
        ? new JsonObject().put("query", returned instanceof JsonObject other ? other : query)
        : new JsonObject().put("objects", returned instanceof List<?> list
            ? new JsonArray(new ArrayList<>(list)) : returned instanceof JsonArray array ? array
            : new JsonArray(new ArrayList<>(objects))));
  }

  /**
   * A LiveQuery or {@code Parse.File} trigger, whatever its kind: the handler sees the
   * request's fields and may edit them.
   *
   * @return {@code {"query": ...}} when the request had a query (beforeSubscribe: as the handler
   *     left or returned it, {@code keys} as {@code "a,b"} as {@code Parse.Query.toJSON} gives
   *     them); otherwise the request's fields the handler changed or added, {@code {}} when none
   */
  public Future<JsonObject> runLive(Vertx vertx, CloudHost host, String kind, String className,
      JsonObject request) {
    LiveTrigger trigger = (LiveTrigger) triggers.get(kind + ":" + className);
    JsonObject data = request.copy();
    LiveRequest call = new LiveRequest(kind, className, data,
        request.getBoolean("master", false), request.getJsonObject("user"),
        request.getString("installationId"), new CloudSdk(host, callerOptions(request)));
    return onWorker(vertx, () -> trigger.handle(call)).map(returned -> {
      if (request.getValue("query") instanceof JsonObject) {
        JsonObject query = (returned instanceof JsonObject other ? other
            : data.getJsonObject("query", new JsonObject())).copy();
        if (query.getValue("keys") instanceof JsonArray keys) {
          query.put("keys", String.join(",", keys.stream().map(String::valueOf).toList()));
        }
        return new JsonObject().put("query", query);
      }
      JsonObject changed = new JsonObject();
      data.forEach(e -> {
        if (!Objects.equals(request.getValue(e.getKey()), e.getValue())) {
          changed.put(e.getKey(), e.getValue());
        }
      });
      return changed;
    });
  }

  private static JsonObject written(JsonObject original, JsonObject changes, JsonObject object) {
    JsonObject fields = new JsonObject();
    object.forEach(e -> {
      String key = e.getKey();
      boolean changed = original == null || changes.containsKey(key)
          || !Objects.equals(original.getValue(key), e.getValue());
      if (!SERVER_FIELDS.contains(key) && changed) {
        fields.put(key, e.getValue());
      }
    });
    Set<String> before = new HashSet<>(changes.fieldNames());
    if (original != null) {
      before.addAll(original.fieldNames());
    }
    before.stream().filter(k -> !SERVER_FIELDS.contains(k) && !object.containsKey(k))
        .forEach(k -> fields.put(k, new JsonObject().put("__op", "Delete")));
    return fields;
  }

  private static JsonObject callerOptions(JsonObject request) {
    JsonObject user = request.getJsonObject("user");
    if (request.getBoolean("master", false)) {
      return new JsonObject().put("useMasterKey", true);
    }
    return user == null ? new JsonObject()
        : new JsonObject().put("sessionToken", user.getString("sessionToken"));
  }

  @FunctionalInterface
  private interface Work {
    Object run() throws Exception;
  }

  /** Runs on a worker thread; a returned Future is waited for; errors become Parse errors. */
  private static Future<Object> onWorker(Vertx vertx, Work work) {
    return vertx.executeBlocking(work::run, false)
        .compose(result -> result instanceof Future<?> later ? later.map(v -> (Object) v)
            : Future.succeededFuture(result))
        .recover(e -> Future.failedFuture(e instanceof ParseException parse ? parse
            : new ParseException(ParseErrorCode.SCRIPT_FAILED, String.valueOf(e.getMessage()))));
  }
}
