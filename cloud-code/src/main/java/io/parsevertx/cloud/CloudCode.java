package io.parsevertx.cloud;

import io.parsevertx.cloud.java.JavaHandlers;
import io.parsevertx.cloud.js.JsContextPool;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.options.CloudCodeOptions;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * An app's Cloud Code, as the service that owns an operation calls it: functions, triggers and
 * jobs. JavaScript handlers run in a {@link JsContextPool}, Java handlers ({@link JavaHandlers},
 * which come first for a name both define) on worker threads; never on an event loop.
 */
public final class CloudCode {
  /** Jobs are background work: an hour before one is stopped (cloudTimeout is for requests). */
  public static final long JOB_TIMEOUT = 3_600_000;
  private final JsContextPool pool;
  /** "beforeSave:GameScore", ...: what main.js registered (every context loads the same). */
  private final java.util.Set<String> triggers;
  private final JavaHandlers javaHandlers;
  private final Vertx vertx;
  private final CloudHost host;
  /** The validators' {@code rateLimit}, counted before their handler runs. */
  private volatile CloudRateLimits limits = CloudRateLimits.NONE;

  private CloudCode(JsContextPool pool, java.util.Set<String> triggers, JavaHandlers javaHandlers,
      Vertx vertx, CloudHost host) {
    this.pool = pool;
    this.triggers = triggers;
    this.javaHandlers = javaHandlers;
    this.vertx = vertx;
    this.host = host;
  }

  /**
   * Loads the app's main.js into the pool; without {@code cloud} no JavaScript engine starts
   * and every function is unknown (141), as on Parse Server without cloud code.
   */
  public static Future<CloudCode> start(Vertx vertx, CloudCodeOptions options,
      CloudHost host) {
    boolean jar = options.main() != null
        && options.main().getFileName().toString().endsWith(".jar");
    // note: finding Java modules reads the class path (and the jar): not on an event loop
    return vertx.executeBlocking(() -> JavaHandlers.load(jar ? options.main() : null))
        .compose(javaHandlers -> options.main() == null || jar
            ? Future.succeededFuture(new CloudCode(null, java.util.Set.of(), javaHandlers, vertx,
                host))
            : startJavaScript(vertx, options, host, javaHandlers));
  }

  private static Future<CloudCode> startJavaScript(Vertx vertx, CloudCodeOptions options,
      CloudHost host, JavaHandlers javaHandlers) {
    return JsContextPool.start(vertx, options.main(), options.contexts(),
        options.timeoutMillis(), host).compose(pool -> pool.call("triggerNames").map(names ->
            new CloudCode(pool, new io.vertx.core.json.JsonArray(names).stream()
                .map(String::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet()),
                javaHandlers, vertx, host)))
        .compose(cloud -> cloud.pool.call("rateLimits").map(specs -> {
          cloud.limits = CloudRateLimits.of(vertx, host.appId(),
              new io.vertx.core.json.JsonArray(specs));
          return cloud;
        }).onFailure(e -> cloud.close()));
  }

  /**
   * Runs {@code Parse.Cloud.define(name)}'s handler.
   *
   * @param request {@code params}, {@code master}, {@code user} (the caller's {@code _User} with
   *     its {@code sessionToken}, or absent), {@code installationId}, {@code ip}, {@code headers}
   * @return {@code {"result": ...}}; fails with the handler's Parse error, 141 for a thrown
   *     string or error, 142 for a failed validator, 124 past {@code cloudTimeout}
   */
  public Future<JsonObject> runFunction(String name, JsonObject request) {
    return limits.function(name, request, () -> function(name, request));
  }

  private Future<JsonObject> function(String name, JsonObject request) {
    if (javaHandlers.hasFunction(name)) {
      return javaHandlers.runFunction(vertx, host, name, request);
    }
    if (pool == null) {
      return Future.failedFuture(new ParseException(ParseErrorCode.SCRIPT_FAILED,
          "Invalid function: \"" + name + "\""));
    }
    return pool.call("runFunction", name, request.copy().put("functionName", name).encode())
        .map(JsonObject::new)
        .compose(CloudCode::resultOrError);
  }

  /**
   * Runs {@code Parse.Cloud.job(name)}'s handler: {@code request.params}, {@code jobId} (its
   * {@code _JobStatus}), {@code request.message}. Jobs may run long: up to {@link #JOB_TIMEOUT}.
   */
  public Future<JsonObject> runJob(String name, JsonObject request) {
    if (javaHandlers.hasTrigger("job", name)) {
      return javaHandlers.runJob(vertx, host, name, request);
    }
    if (pool == null || !hasTrigger("job", name)) {
      return Future.failedFuture(new ParseException(ParseErrorCode.SCRIPT_FAILED,
          "Invalid job: " + name));
    }
    return pool.call(JOB_TIMEOUT, "runJob", name, request.encode()).map(JsonObject::new)
        .compose(CloudCode::resultOrError);
  }

  /** The names of the jobs the app's cloud code defines. */
  public java.util.Set<String> jobNames() {
    return java.util.stream.Stream.concat(triggers.stream(), javaHandlers.triggerNames().stream())
        .filter(t -> t.startsWith("job:")).map(t -> t.substring(4))
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  /** Whether main.js registered {@code kind} ("beforeSave", ...) for {@code className}. */
  public boolean hasTrigger(String kind, String className) {
    return javaHandlers.hasTrigger(kind, className) || triggers.contains(kind + ":" + className);
  }

  /**
   * Runs a trigger's handler.
   *
   * @param request {@code original} (the stored object, absent when new), {@code changes} (the
   *     request's body), {@code master}, {@code user}, {@code installationId}, {@code ip}
   * @return for beforeSave {@code {"fields": {...}}}, every plain field to save as the handler
   *     left them; else {@code {}}; fails with the handler's error as a function does
   */
  public Future<JsonObject> runTrigger(String kind, String className, JsonObject request) {
    return limits.trigger(kind, className, request, () -> trigger(kind, className, request));
  }

  private Future<JsonObject> trigger(String kind, String className, JsonObject request) {
    if (javaHandlers.hasTrigger(kind, className)) {
      return javaHandlers.runTrigger(vertx, host, kind, className, request);
    }
    if (pool == null || !hasTrigger(kind, className)) {
      return Future.succeededFuture(new JsonObject());
    }
    return pool.call("runTrigger", kind, className, request.encode()).map(JsonObject::new)
        .compose(outcome -> outcome.containsKey("error") ? resultOrError(outcome)
            : Future.succeededFuture(outcome));
  }

  /**
   * Runs a {@code beforeFind} ({@code request.query}: {@code {"where", "limit", "skip",
   * "order", "keys", "include", "count"}}; answers {@code {"query": ...}}) or an
   * {@code afterFind} ({@code request.results}; answers {@code {"objects": [...]}}).
   */
  public Future<JsonObject> runFind(String kind, String className, JsonObject request) {
    return limits.trigger(kind, className, request, () -> find(kind, className, request));
  }

  private Future<JsonObject> find(String kind, String className, JsonObject request) {
    if (javaHandlers.hasTrigger(kind, className)) {
      return javaHandlers.runFind(vertx, host, kind, className, request);
    }
    if (pool == null || !hasTrigger(kind, className)) {
      return Future.succeededFuture(new JsonObject());
    }
    return pool.call("runFind", kind, className, request.encode()).map(JsonObject::new)
        .compose(outcome -> outcome.containsKey("error") ? resultOrError(outcome)
            : Future.succeededFuture(outcome));
  }

  /**
   * Runs a LiveQuery trigger: {@code beforeConnect} (className {@code @Connect}; answers
   * {@code {}}) or {@code beforeSubscribe} ({@code request.query}; answers {@code {"query"}}).
   */
  public Future<JsonObject> runLive(String kind, String className, JsonObject request) {
    return limits.trigger(kind, className, request, () -> live(kind, className, request));
  }

  private Future<JsonObject> live(String kind, String className, JsonObject request) {
    if (javaHandlers.hasTrigger(kind, className)) {
      return javaHandlers.runLive(vertx, host, kind, className, request);
    }
    if (pool == null || !hasTrigger(kind, className)) {
      return Future.succeededFuture(new JsonObject());
    }
    return pool.call("runLive", kind, className, request.encode()).map(JsonObject::new)
        .compose(outcome -> outcome.containsKey("error") ? resultOrError(outcome)
            : Future.succeededFuture(outcome));
  }

  /**
   * The body to write after a {@code beforeSave}: as sent, with the fields the handler set or
   * unset. The handler's {@code fields} hold every plain field to write; the operations the
   * client sent ({@code Increment}, {@code AddRelation}, ...) were not set on its object and
   * stay as sent.
   */
  public static JsonObject bodyAfterBeforeSave(JsonObject sent, JsonObject outcome) {
    JsonObject fields = outcome.getJsonObject("fields");
    if (fields == null) {
      return sent.copy();
    }
    JsonObject body = new JsonObject();
    sent.forEach(e -> {
      if (e.getValue() instanceof JsonObject op && op.containsKey("__op")) {
        body.put(e.getKey(), op);
      }
    });
    return body.mergeIn(fields);
  }

  private static Future<JsonObject> resultOrError(JsonObject outcome) {
    JsonObject error = outcome.getJsonObject("error");
    if (error == null) {
      return Future.succeededFuture(new JsonObject().put("result", outcome.getValue("result")));
    }
    int code = error.getInteger("code", ParseErrorCode.SCRIPT_FAILED.code());
    ParseErrorCode known = ParseErrorCode.of(code);
    // note: a code this server does not know stays a script failure rather than a 500
    if (known == ParseErrorCode.INTERNAL_SERVER_ERROR && code != 1) {
      known = ParseErrorCode.SCRIPT_FAILED;
    }
    return Future.failedFuture(new ParseException(known, error.getString("message", "")));
  }

  public void close() {
    if (pool != null) {
      pool.close();
    }
  }
}
