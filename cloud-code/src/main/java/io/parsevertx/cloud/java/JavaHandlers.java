package io.parsevertx.cloud.java;

import io.parsevertx.cloud.CloudHost;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java handlers of every {@link CloudCodeModule} found, and how they run: on a worker thread
 * (a handler may block, the event loops never do), with requests and answers in the same shapes
 * as the JavaScript handlers'.
 */
public final class JavaHandlers implements Cloud {
  private static final Logger LOG = LoggerFactory.getLogger(JavaHandlers.class);
  private static final Set<String> SERVER_FIELDS = Set.of("objectId", "createdAt", "updatedAt",
      "className", "__type");

  private final Map<String, CloudFunction> functions = new HashMap<>();
  private final Map<String, CloudTrigger> triggers = new HashMap<>();

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

  @Override
  public void beforeSave(String className, CloudTrigger trigger) {
    triggers.put("beforeSave:" + className, Objects.requireNonNull(trigger));
  }

  @Override
  public void afterSave(String className, CloudTrigger trigger) {
    triggers.put("afterSave:" + className, Objects.requireNonNull(trigger));
  }

  @Override
  public void beforeDelete(String className, CloudTrigger trigger) {
    triggers.put("beforeDelete:" + className, Objects.requireNonNull(trigger));
  }

  @Override
  public void afterDelete(String className, CloudTrigger trigger) {
    triggers.put("afterDelete:" + className, Objects.requireNonNull(trigger));
  }

  public boolean hasFunction(String name) {
    return functions.containsKey(name);
  }

  public boolean hasTrigger(String kind, String className) {
    return triggers.containsKey(kind + ":" + className);
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
    CloudTrigger trigger = triggers.get(kind + ":" + className);
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
