package io.parsevertx.cloud;

import io.parsevertx.common.options.CloudCodeOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The app's cloud code, loaded once per process: each service that fires triggers (data-service,
 * auth-service, livequery-service, files-service) asks for it, and services sharing a process
 * (the one-JVM suite) share one pool of JavaScript contexts rather than load main.js each. A
 * process running one service (a Kubernetes pod) loads it for that service alone.
 */
public final class SharedCloudCode {
  private static final Map<Vertx, Loaded> LOADED = new IdentityHashMap<>();

  private record Loaded(Future<CloudCode> cloud, int users) {
  }

  private SharedCloudCode() {
  }

  /**
   * The process's cloud code, loading it on the first call.
   *
   * @param options the service's options: {@code cloud}, {@code cloudTimeout},
   *     {@code cloudContexts}, and {@code appId}, {@code masterKey}, {@code mountPath} for the
   *     Parse SDK inside it
   */
  public static synchronized Future<CloudCode> acquire(Vertx vertx, JsonObject options) {
    Loaded loaded = LOADED.get(vertx);
    if (loaded == null) {
      CloudCodeOptions cloudOptions = CloudCodeOptions.from(options);
      // note: the host's files client sets up its token signing: not on an event loop
      Future<CloudCode> cloud = vertx.executeBlocking(() -> BusRest.from(vertx, options))
          .compose(host -> CloudCode.start(vertx, cloudOptions, host));
      // note: a failed load is not kept, so a redeploy tries again
      cloud.onFailure(e -> forget(vertx, cloud));
      loaded = new Loaded(cloud, 0);
    }
    LOADED.put(vertx, new Loaded(loaded.cloud(), loaded.users() + 1));
    return onCallersContext(vertx.getOrCreateContext(), loaded.cloud());
  }

  /**
   * The shared load completes on the context of the service that started it; each service
   * must go on on its own, or what it creates next (its HTTP server, its consumers) would
   * belong to another verticle and be closed, abruptly, when that one is undeployed.
   */
  private static Future<CloudCode> onCallersContext(Context caller, Future<CloudCode> cloud) {
    Promise<CloudCode> mine = Promise.promise();
    cloud.onComplete(result -> caller.runOnContext(v -> mine.handle(result)));
    return mine.future();
  }

  /** Gives back one {@link #acquire}; the last one closes the contexts. */
  public static synchronized void release(Vertx vertx) {
    Loaded loaded = LOADED.get(vertx);
    if (loaded == null) {
      return;
    }
    if (loaded.users() > 1) {
      LOADED.put(vertx, new Loaded(loaded.cloud(), loaded.users() - 1));
      return;
    }
    LOADED.remove(vertx);
    loaded.cloud().onSuccess(CloudCode::close);
  }

  private static synchronized void forget(Vertx vertx, Future<CloudCode> cloud) {
    Loaded loaded = LOADED.get(vertx);
    if (loaded != null && loaded.cloud() == cloud) {
      LOADED.remove(vertx);
    }
  }
}
