package io.parsevertx.cloud.js;

import io.parsevertx.cloud.CloudHost;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JavaScript context and the one worker thread it is used on (a GraalJS context is
 * single-threaded). Its thread runs the handler and, later, whatever settles the handler's
 * promise; the slot is lent to one call at a time. A stopped context is replaced on the same
 * thread, with the app's code loaded again.
 */
final class JsSlot {
  private static final Logger LOG = LoggerFactory.getLogger(JsSlot.class);
  private static final Logger APP_LOG = LoggerFactory.getLogger("cloud");

  private final Engine engine;
  private final List<Source> boot;
  private final Path main;
  private final CloudHost host;
  private final io.vertx.core.Context vertxContext;
  private final ExecutorService thread;
  private volatile Context context;

  /**
   * @param boot evaluated in order before main.js: the polyfills, the Parse JS SDK, the prelude
   * @param vertxContext where the SDK's requests are handed to the host
   */
  JsSlot(int index, Engine engine, List<Source> boot, Path main, CloudHost host,
      io.vertx.core.Context vertxContext) {
    this.engine = engine;
    this.boot = boot;
    this.main = main;
    this.host = host;
    this.vertxContext = vertxContext;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "cloud-code-" + index);
      t.setDaemon(true);
      return t;
    });
  }

  ExecutorService thread() {
    return thread;
  }

  /** Builds the context and loads the app's code; runs on this slot's thread. */
  void load() throws Exception {
    Context.Builder builder = Context.newBuilder("js").engine(engine)
        .allowExperimentalOptions(true)
        .option("js.ecmascript-version", "2022");
    if (main != null) {
      // note: require() of the app's relative files and node_modules, as Node resolves them
      builder.allowIO(IOAccess.ALL).option("js.commonjs-require", "true")
          .option("js.commonjs-require-cwd", main.getParent().toString());
    }
    Context created = builder.build();
    Value bindings = created.getBindings("js");
    bindings.putMember("__host", new HostBindings(host, vertxContext, thread));
    boot.forEach(created::eval);
    if (main != null) {
      created.eval(Source.newBuilder("js", main.toFile()).build());
    }
    context = created;
  }

  Context context() {
    return context;
  }

  /** Stops whatever runs in the context now, from any thread. */
  void cancel() {
    Context running = context;
    if (running != null) {
      try {
        running.close(true);
      } catch (RuntimeException alreadyClosing) {
        LOG.debug("event=cloud_context_close_failed error={}",
            alreadyClosing.getClass().getSimpleName());
      }
    }
  }

  void shutdown() {
    cancel();
    thread.shutdownNow();
  }

  /** What the prelude may call on the host: identity, log, uuid, and the SDK's requests. */
  static final class HostBindings implements ProxyObject {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private final Map<String, Object> members = new HashMap<>();

    HostBindings(CloudHost host, io.vertx.core.Context vertxContext, ExecutorService thread) {
      members.put("appId", host.appId());
      members.put("masterKey", host.masterKey());
      members.put("mountPath", host.mountPath());
      members.put("log", (ProxyExecutable) args -> {
        String message = args[1].asString();
        switch (args[0].asString()) {
          case "error" -> APP_LOG.error("event=cloud_log {}", message);
          case "warn" -> APP_LOG.warn("event=cloud_log {}", message);
          default -> APP_LOG.info("event=cloud_log {}", message);
        }
        return null;
      });
      members.put("uuid", (ProxyExecutable) args -> java.util.UUID.randomUUID().toString());
      members.put("randomBytes", (ProxyExecutable) args -> {
        byte[] bytes = new byte[args[0].asInt()];
        RANDOM.nextBytes(bytes);
        Object[] values = new Object[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
          values[i] = bytes[i] & 0xff;
        }
        return org.graalvm.polyglot.proxy.ProxyArray.fromArray(values);
      });
      members.put("request", (ProxyExecutable) args -> {
        String method = args[0].asString();
        String path = args[1].asString();
        JsonObject data = new JsonObject(args[2].asString());
        JsonObject options = new JsonObject(args[3].asString());
        Value resolve = args[4];
        Value reject = args[5];
        vertxContext.runOnContext(v -> host.request(method, path, data, options)
            .onComplete(done -> thread.execute(() -> settle(done, resolve, reject))));
        return null;
      });
    }

    /** On the slot's thread; a context replaced meanwhile has nobody left to tell. */
    private static void settle(io.vertx.core.AsyncResult<JsonObject> done, Value resolve,
        Value reject) {
      try {
        if (done.succeeded()) {
          resolve.execute(done.result().encode());
        } else if (done.cause() instanceof ParseException parse) {
          reject.execute(parse.code().code(), parse.getMessage());
        } else {
          reject.execute(1, "Internal server error");
        }
      } catch (PolyglotException | IllegalStateException closed) {
        LOG.debug("event=cloud_request_settled_late error={}", closed.getMessage());
      }
    }

    @Override
    public Object getMember(String key) {
      return members.get(key);
    }

    @Override
    public Object getMemberKeys() {
      return members.keySet().toArray(new String[0]);
    }

    @Override
    public boolean hasMember(String key) {
      return members.containsKey(key);
    }

    @Override
    public void putMember(String key, Value value) {
      throw new UnsupportedOperationException("read-only");
    }
  }
}
