package io.parsevertx.server;

import io.parsevertx.common.bus.ServiceRole;
import io.parsevertx.common.options.ParseServerOptions;
import io.parsevertx.gateway.GatewayVerticle;
import io.parsevertx.storage.embedded.EmbeddedMongo;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the roles one process runs, in one Vert.x instance: all of them by default, with the
 * embedded store when no {@code databaseURI} is given; or a subset joined to the others by a
 * clustered event bus. Tests start the suite through here too.
 */
public final class SuiteLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(SuiteLauncher.class);

  private SuiteLauncher() {}

  /** A started process: close it to undeploy everything and flush the embedded store. */
  public record RunningSuite(Vertx vertx, EmbeddedMongo embeddedStore, Integer gatewayPort,
      JsonObject options, Integer metricsPort, MetricsEndpoint metrics)
      implements AutoCloseable {

    @Override
    public void close() {
      vertx.close().toCompletionStage().toCompletableFuture().join();
      if (embeddedStore != null) {
        embeddedStore.close();
      }
      if (metrics != null) {
        metrics.close();
      }
    }
  }

  /**
   * Starts the roles named by {@code services} in {@code options} (already resolved and
   * validated by {@link io.parsevertx.common.options.OptionsLoader}). Call from a non-Vert.x
   * thread: the embedded store opens its file before any event loop runs.
   */
  public static Future<RunningSuite> start(JsonObject options) {
    JsonObject resolved = options.copy();
    Set<ServiceRole> roles = roles(resolved);
    defaultServerUrl(resolved);
    if (roles.contains(ServiceRole.GATEWAY)) {
      RecentLogsAppender.install(resolved); // note: GET /scriptlog serves this process's events
    }
    EmbeddedMongo embedded = null;
    if (roles.contains(ServiceRole.DATA)
        && resolved.getString(ParseServerOptions.DATABASE_URI) == null) {
      embedded = EmbeddedMongo.start(Path.of(resolved.getString(ParseServerOptions.DATA_DIR)));
      resolved.put(ParseServerOptions.DATABASE_URI, embedded.connectionString());
      // note: files then go to the filesystem beside it, not into the development store
      resolved.put(ParseServerOptions.EMBEDDED_STORE, true);
    }
    EmbeddedMongo store = embedded;
    MetricsEndpoint metrics = MetricsEndpoint.of(resolved);
    return createVertx(resolved, metrics)
        .compose(vertx -> deploy(vertx, roles, resolved)
            .compose(port -> (metrics == null ? Future.<Integer>succeededFuture(null)
                : metrics.serve(vertx)).map(metricsPort -> new RunningSuite(vertx, store, port,
                    resolved, metricsPort, metrics)))
            .recover(e -> vertx.close().transform(v -> Future.failedFuture(e))))
        .onFailure(e -> {
          if (store != null) {
            store.close();
          }
          if (metrics != null) {
            metrics.close();
          }
        });
  }

  private static Future<Vertx> createVertx(JsonObject options, MetricsEndpoint metrics) {
    VertxOptions vertxOptions = new VertxOptions();
    boolean clustered = options.getBoolean(ParseServerOptions.CLUSTER, false);
    String host = options.getString(ParseServerOptions.CLUSTER_HOST);
    if (clustered && host != null) {
      vertxOptions.getEventBusOptions().setHost(host);
    }
    io.vertx.core.VertxBuilder builder = Vertx.builder().with(vertxOptions);
    if (metrics != null) {
      builder = metrics.instrument(builder, vertxOptions);
    }
    if (!clustered) {
      return Future.succeededFuture(builder.build());
    }
    return builder.withClusterManager(new HazelcastClusterManager(ClusterSettings.hazelcast(
        options))).buildClustered();
  }

  /** Backends first, so the gateway's first requests find them; then the gateway. */
  private static Future<Integer> deploy(Vertx vertx, Set<ServiceRole> roles, JsonObject options) {
    DeploymentOptions deployment = new DeploymentOptions().setConfig(options);
    List<Future<String>> backends = new ArrayList<>();
    for (ServiceRole role : roles) {
      if (role != ServiceRole.GATEWAY) {
        backends.add(vertx.deployVerticle(ServiceVerticles.create(role), deployment)
            .onSuccess(id -> LOG.info("event=service_deployed service={}", role.flagName())));
      }
    }
    return Future.all(backends).compose(v -> {
      if (!roles.contains(ServiceRole.GATEWAY)) {
        // note: a LiveQuery-only process answers /health on its own WebSocket server
        List<ServiceRole> probed = roles.stream().filter(r -> r != ServiceRole.LIVEQUERY)
            .toList();
        return probed.isEmpty() ? Future.succeededFuture(null)
            : ServiceHealthServer.start(vertx, probed, options.getNumber(
                ParseServerOptions.PORT).intValue()).map(server -> (Integer) null);
      }
      GatewayVerticle gateway = (GatewayVerticle) ServiceVerticles.create(ServiceRole.GATEWAY);
      return vertx.deployVerticle(gateway, deployment).map(id -> gateway.actualPort());
    });
  }

  /** As parse-server's CLI: without serverURL, the server is reached on localhost. */
  private static void defaultServerUrl(JsonObject options) {
    long port = options.getNumber(ParseServerOptions.PORT).longValue();
    if (options.getString(ParseServerOptions.SERVER_URL) == null && port != 0) {
      options.put(ParseServerOptions.SERVER_URL, "http://localhost:" + port
          + options.getString(ParseServerOptions.MOUNT_PATH));
    }
  }

  private static Set<ServiceRole> roles(JsonObject options) {
    Set<ServiceRole> roles = new LinkedHashSet<>();
    JsonArray services = options.getJsonArray(ParseServerOptions.SERVICES, new JsonArray());
    services.forEach(name -> roles.add(ServiceRole.fromFlagName(name.toString())));
    return roles;
  }
}
