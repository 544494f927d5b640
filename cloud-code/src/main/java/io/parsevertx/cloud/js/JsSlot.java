package io.parsevertx.cloud.js;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;
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
  private final Source prelude;
  private final Path main;
  private final ExecutorService thread;
  private volatile Context context;

  JsSlot(int index, Engine engine, Source prelude, Path main) {
    this.engine = engine;
    this.prelude = prelude;
    this.main = main;
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
    bindings.putMember("__host", new HostBindings());
    created.eval(prelude);
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

  /** What the prelude may call on the host. */
  static final class HostBindings implements org.graalvm.polyglot.proxy.ProxyObject {
    private final ProxyExecutable log = args -> {
      String level = args[0].asString();
      String message = args[1].asString();
      switch (level) {
        case "error" -> APP_LOG.error("event=cloud_log {}", message);
        case "warn" -> APP_LOG.warn("event=cloud_log {}", message);
        default -> APP_LOG.info("event=cloud_log {}", message);
      }
      return null;
    };

    @Override
    public Object getMember(String key) {
      return "log".equals(key) ? log : null;
    }

    @Override
    public Object getMemberKeys() {
      return new String[] {"log"};
    }

    @Override
    public boolean hasMember(String key) {
      return "log".equals(key);
    }

    @Override
    public void putMember(String key, Value value) {
      throw new UnsupportedOperationException("read-only");
    }
  }
}
