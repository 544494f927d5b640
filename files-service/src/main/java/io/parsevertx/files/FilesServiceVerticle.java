package io.parsevertx.files;

import io.parsevertx.cloud.CloudCaller;
import io.parsevertx.cloud.CloudCode;
import io.parsevertx.cloud.SharedCloudCode;
import io.parsevertx.common.bus.BusReplies;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.options.ParseServerOptions;
import io.parsevertx.common.bus.EventBusAddresses;
import io.parsevertx.common.bus.ServiceRole;
import io.parsevertx.common.files.FilesAuth;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * files-service: uploads, downloads and deletions of files, on an HTTP endpoint of its own
 * (bodies stream; they never cross the event bus) that the gateway finds by asking
 * {@link EventBusAddresses#FILES_ENDPOINT}. Files live where {@link StoredFiles} says.
 */
public final class FilesServiceVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(FilesServiceVerticle.class);
  private HttpServer server;
  private StoredFiles files;

  @Override
  public Future<?> start() {
    return SharedCloudCode.acquire(vertx, config()).compose(this::serve);
  }

  private Future<?> serve(CloudCode cloud) {
    FilesConfig config = FilesConfig.fromJson(config());
    JWTAuth tokens = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(FilesAuth.key(
            config.masterKey()))));
    files = StoredFiles.open(vertx, config());
    FilesHttp http = new FilesHttp(config, files.served(config()), tokens,
        new AnonymousUsers(new DataServiceClient(vertx.eventBus(), 10_000)),
        new FileTriggers(cloud, new CloudCaller(new DataServiceClient(vertx.eventBus(),
            30_000)::getUntriggered)));
    String host = endpointHost(config());
    server = vertx.createHttpServer().requestHandler(http.router(vertx));
    return server.listen(config.internalPort(), host).compose(listening -> {
      LOG.info("event=files_listening host={} port={} directory={}", host,
          listening.actualPort(), config.directory());
      JsonObject endpoint = new JsonObject().put("host", host)
          .put("port", listening.actualPort());
      return vertx.eventBus().<JsonObject>consumer(EventBusAddresses.FILES_ENDPOINT,
          message -> message.reply(endpoint)).completion()
          .compose(v -> BusReplies.registerHealth(vertx.eventBus(), ServiceRole.FILES));
    });
  }

  /**
   * Where the endpoint listens and what it announces: loopback in one process (only the
   * gateway beside it calls it); in a cluster, the address this process joined it with
   * ({@code clusterHost}, the pod's IP in Kubernetes), so a gateway in another process or pod
   * can reach it.
   */
  static String endpointHost(io.vertx.core.json.JsonObject options) {
    String clusterHost = options.getString(io.parsevertx.common.options.ParseServerOptions
        .CLUSTER_HOST);
    boolean clustered = options.getBoolean(io.parsevertx.common.options.ParseServerOptions
        .CLUSTER, false);
    return clustered && clusterHost != null ? clusterHost : "127.0.0.1";
  }

  @Override
  public Future<?> stop() {
    SharedCloudCode.release(vertx);
    // note: downloads in flight finish before the stores close
    Future<?> closed = server == null ? Future.succeededFuture()
        : server.shutdown(10, java.util.concurrent.TimeUnit.SECONDS);
    return closed.compose(v -> files == null ? Future.succeededFuture() : files.closeAsync());
  }
}
