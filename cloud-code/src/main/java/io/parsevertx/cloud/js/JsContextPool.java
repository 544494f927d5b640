package io.parsevertx.cloud.js;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of {@link JsSlot}s. A call borrows an idle slot (or waits for one), runs on that
 * slot's thread, and gives it back once its promise has settled. A call still unsettled after
 * the timeout - an endless loop, or a promise nothing will settle - is answered with 124, its
 * context stopped and rebuilt, so the other slots never notice.
 */
public final class JsContextPool {
  private static final Logger LOG = LoggerFactory.getLogger(JsContextPool.class);

  /** What the SDK expects of a browser or Node that GraalJS does not have. */
  private static final String POLYFILLS = String.join("\n",
      "globalThis.self = globalThis;",
      "globalThis.crypto = { randomUUID: () => __host.uuid(),",
      "  getRandomValues: (a) => { const b = __host.randomBytes(a.length);",
      "    for (let i = 0; i < a.length; i++) { a[i] = b[i]; } return a; } };");

  private final Vertx vertx;
  private final long timeoutMillis;
  private final List<JsSlot> slots = new ArrayList<>();
  private final Deque<JsSlot> idle = new ArrayDeque<>();
  private final Deque<java.util.function.Consumer<JsSlot>> waiting = new ArrayDeque<>();

  private JsContextPool(Vertx vertx, long timeoutMillis) {
    this.vertx = vertx;
    this.timeoutMillis = timeoutMillis;
  }

  /** Builds {@code size} contexts, each loading the SDK, the prelude and {@code main}. */
  public static Future<JsContextPool> start(Vertx vertx, Path main, int size,
      long timeoutMillis, io.parsevertx.cloud.CloudHost host) {
    JsContextPool pool = new JsContextPool(vertx, timeoutMillis);
    Engine engine = Engine.newBuilder("js").option("engine.WarnInterpreterOnly", "false")
        .build();
    List<Source> boot;
    try {
      // note: Sources are shared, so the engine parses the 1 MB SDK once for every context
      boot = List.of(Source.create("js", POLYFILLS), resource("parse-sdk.min.js"),
          resource("prelude.js"));
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    if (!System.getProperty("java.vm.name", "").contains("GraalVM")) {
      // note: said once; GraalJS compiles JavaScript only on GraalVM, so here it interprets
      LOG.info("event=cloud_code_interpreted jvm=\"{}\"", System.getProperty("java.vm.name"));
    }
    List<Future<Void>> loaded = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      JsSlot slot = new JsSlot(i, engine, boot, main, host, vertx.getOrCreateContext());
      pool.slots.add(slot);
      loaded.add(pool.onSlot(slot, () -> {
        slot.load();
        return null;
      }));
    }
    return Future.all(loaded).map(v -> {
      synchronized (pool) {
        pool.idle.addAll(pool.slots);
      }
      LOG.info("event=cloud_code_loaded main={} contexts={}", main, size);
      return pool;
    });
  }

  /**
   * Calls {@code __parseCloud[member](args...)}, which returns a promise of a string.
   *
   * @return that string, completed on the caller's Vert.x context
   */
  public Future<String> call(String member, Object... args) {
    return call(timeoutMillis, member, args);
  }

  /** As {@link #call(String, Object...)}, stopped after {@code limitMillis} instead. */
  public Future<String> call(long limitMillis, String member, Object... args) {
    Context caller = vertx.getOrCreateContext();
    Promise<String> answer = Promise.promise();
    JsSlot slot;
    synchronized (this) {
      slot = idle.poll();
      if (slot == null) {
        waiting.add(lent -> run(lent, limitMillis, member, args, caller, answer));
        return answer.future();
      }
    }
    run(slot, limitMillis, member, args, caller, answer);
    return answer.future();
  }

  private void run(JsSlot slot, long limitMillis, String member, Object[] args,
      Context caller, Promise<String> answer) {
    AtomicBoolean settled = new AtomicBoolean();
    long timer = vertx.setTimer(limitMillis, id -> {
      if (settled.compareAndSet(false, true)) {
        LOG.warn("event=cloud_code_timeout call={} ms={}", member, limitMillis);
        caller.runOnContext(v -> answer.fail(new ParseException(ParseErrorCode.TIMEOUT,
            "Cloud Code did not finish within " + limitMillis + " ms")));
        slot.cancel();
        replace(slot);
      }
    });
    slot.thread().execute(() -> {
      try {
        Value promise = slot.context().getBindings("js").getMember("__parseCloud")
            .getMember(member).execute(args);
        ProxyExecutable resolved = values -> {
          if (settled.compareAndSet(false, true)) {
            vertx.cancelTimer(timer);
            String result = values[0].asString();
            release(slot);
            caller.runOnContext(v -> answer.complete(result));
          }
          return null;
        };
        promise.invokeMember("then", resolved);
      } catch (PolyglotException e) {
        if (settled.compareAndSet(false, true)) {
          vertx.cancelTimer(timer);
          LOG.warn("event=cloud_code_failed call={} error={}", member, e.getMessage());
          caller.runOnContext(v -> answer.fail(new ParseException(
              ParseErrorCode.SCRIPT_FAILED, String.valueOf(e.getMessage()))));
          release(slot);
        }
      } catch (RuntimeException e) {
        if (settled.compareAndSet(false, true)) {
          vertx.cancelTimer(timer);
          caller.runOnContext(v -> answer.fail(ParseException.internal("cloud code", e)));
          release(slot);
        }
      }
    });
  }

  /** Rebuilds a stopped slot's context on its own thread, then lends it out again. */
  private void replace(JsSlot slot) {
    onSlot(slot, () -> {
      slot.load();
      return null;
    }).onComplete(done -> {
      if (done.failed()) {
        LOG.error("event=cloud_context_reload_failed error={}", done.cause().getMessage());
      } else {
        LOG.info("event=cloud_context_replaced");
      }
      release(slot);
    });
  }

  private void release(JsSlot slot) {
    java.util.function.Consumer<JsSlot> next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        idle.add(slot);
      }
    }
    if (next != null) {
      next.accept(slot);
    }
  }

  private <T> Future<T> onSlot(JsSlot slot, java.util.concurrent.Callable<T> work) {
    Promise<T> done = Promise.promise();
    slot.thread().execute(() -> {
      try {
        done.complete(work.call());
      } catch (Exception | Error e) {
        done.fail(e);
      }
    });
    return done.future();
  }

  private static Source resource(String name) throws IOException {
    try (InputStream in = JsContextPool.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing resource " + name + " (the build fetches the SDK)");
      }
      return Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8),
          name).build();
    }
  }

  public void close() {
    slots.forEach(JsSlot::shutdown);
  }
}
