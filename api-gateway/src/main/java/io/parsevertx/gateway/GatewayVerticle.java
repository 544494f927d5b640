package io.parsevertx.gateway;

import io.parsevertx.common.livequery.WebSocketHandoff;
import io.parsevertx.common.options.TlsOptions;
import io.parsevertx.gateway.http.GatewayRouter;
import io.vertx.core.Handler;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** api-gateway: the HTTP edge of the suite. Routes reach the services over the event bus. */
public final class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  /** Within Kubernetes' default 30 s termination grace, leaving time for the rest. */
  static final long SHUTDOWN_GRACE_SECONDS = 10;
  private HttpServer server;

  @Override
  public Future<?> start() {
    GatewayConfig config = GatewayConfig.fromJson(config());
    HttpServerOptions serverOptions = new HttpServerOptions().setCompressionSupported(true);
    TlsOptions tls = TlsOptions.from(config());
    if (tls != null) {
      tls.applyTo(serverOptions);
    }
    server = vertx.createHttpServer(serverOptions)
        // note: WebSockets on this port are LiveQuery's, served by livequery-service when it
        // runs in this JVM (as Parse's createLiveQueryServer(httpServer)); else refused
        .webSocketHandshakeHandler(handshake -> {
          if (WebSocketHandoff.find(vertx, handshake.path()) == null) {
            handshake.reject(404);
          } else {
            handshake.accept();
          }
        })
        .webSocketHandler(socket -> {
          Handler<ServerWebSocket> liveQuery = WebSocketHandoff.find(vertx, socket.path());
          if (liveQuery == null) {
            socket.close();
          } else {
            liveQuery.handle(socket);
          }
        })
        .requestHandler(GatewayRouter.create(vertx, config));
    return server.listen(config.port(), config.host()).onSuccess(s -> LOG.info(
        "event=gateway_listening port={} mountPath={} tls={}", s.actualPort(),
        config.mountPath(), tls != null));
  }

  /** The port actually bound (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /**
   * Graceful: no new connections, requests in flight finish (up to
   * {@link #SHUTDOWN_GRACE_SECONDS}), WebSockets get a close frame so the SDKs reconnect to
   * another instance.
   */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture()
        : server.shutdown(SHUTDOWN_GRACE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
  }
}
