package io.parsevertx.livequery;

import io.parsevertx.cloud.CloudCaller;
import io.parsevertx.cloud.CloudCode;
import io.parsevertx.cloud.SharedCloudCode;
import io.parsevertx.common.auth.AuthDataViews;
import io.parsevertx.common.bus.AuthServiceClient;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.BusReplies;
import io.parsevertx.common.bus.EventBusAddresses;
import io.parsevertx.common.bus.ServiceRole;
import io.parsevertx.common.livequery.ObjectChange;
import io.parsevertx.common.livequery.WebSocketHandoff;
import io.parsevertx.common.options.ParseServerOptions;
import io.parsevertx.common.security.SensitiveFields;
import io.parsevertx.storage.StorageAdapter;
import io.parsevertx.storage.StorageAdapters;
import io.parsevertx.storage.schema.SchemaController;
import io.parsevertx.storage.security.PrincipalResolver;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * livequery-service: the Parse LiveQuery WebSocket endpoint. In one JVM the gateway hands it
 * the WebSockets opened on the REST port ({@link WebSocketHandoff}); a process running it
 * without the gateway opens its own server on {@code --port}. Changes arrive from data-service
 * on the event bus.
 */
public final class LiveQueryServiceVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LiveQueryServiceVerticle.class);
  private StorageAdapter storage;
  private LiveQueryHub hub;
  private HttpServer ownServer;
  private RedisChanges redis;
  private long pinger = -1;
  private CloudCode cloud;

  @Override
  public Future<?> start() {
    LiveQueryConfig config = LiveQueryConfig.fromJson(config());
    List<Future<?>> ready = new ArrayList<>();
    ready.add(BusReplies.registerHealth(vertx.eventBus(), ServiceRole.LIVEQUERY));
    if (config.databaseURI() == null) {
      return Future.all(ready); // note: nothing to serve without a database to check access in
    }
    return SharedCloudCode.acquire(vertx, config()).compose(cloud -> {
      this.cloud = cloud;
      return serve(config, ready);
    });
  }

  private Future<?> serve(LiveQueryConfig config, List<Future<?>> ready) {
    storage = StorageAdapters.connect(vertx, config.databaseURI(), config.databaseOptions());
    SchemaController schemas = SchemaController.withBusInvalidation(vertx.eventBus(), storage);
    PrincipalResolver roles = new PrincipalResolver(storage, schemas);
    Principals principals = new Principals(new AuthServiceClient(vertx.eventBus(),
        config.requestTimeout()), roles, config.cacheTimeout());
    hub = new LiveQueryHub(config, principals, schemas,
        new SensitiveFields(AuthDataViews.fromOptions(config().getJsonObject(
            ParseServerOptions.AUTH))), new LiveTriggers(cloud, new CloudCaller(new DataServiceClient(
            vertx.eventBus(), config.requestTimeout())::getUntriggered), principals::userId));
    ready.add(schemas.listen(vertx.eventBus()).completion());
    ready.add(roles.listen(vertx.eventBus()).completion());
    ready.add(vertx.eventBus().<JsonObject>consumer(EventBusAddresses.LIVEQUERY_CHANGES,
        message -> hub.onChange(ObjectChange.fromJson(message.body()))).completion());
    ready.add(vertx.eventBus().<JsonObject>consumer(EventBusAddresses.SESSIONS_INVALIDATED,
        message -> hub.onSessionsInvalidated(message.body())).completion());
    if (config.redisURL() != null) {
      redis = new RedisChanges(vertx, config.redisURL(), config.appId(), hub::onChange);
      ready.add(redis.start());
    }
    WebSocketHandoff.register(vertx, config.path(), hub::accept);
    LiveQueryMeters.track(hub);
    if (config.websocketTimeout() > 0) {
      pinger = vertx.setPeriodic(config.websocketTimeout(), id -> hub.ping());
    }
    if (config.ownServer()) {
      io.vertx.core.http.HttpServerOptions serverOptions = new io.vertx.core.http.HttpServerOptions();
      io.parsevertx.common.options.TlsOptions tls = io.parsevertx.common.options.TlsOptions.from(
          config());
      if (tls != null) {
        tls.applyTo(serverOptions);
      }
      ownServer = vertx.createHttpServer(serverOptions)
          .webSocketHandshakeHandler(handshake -> {
            if (WebSocketHandoff.find(vertx, handshake.path()) == null) {
              handshake.reject(404);
            } else {
              handshake.accept();
            }
          })
          .webSocketHandler(hub::accept)
          .requestHandler(request -> request.response().setStatusCode(
              request.path().endsWith("/health") ? 200 : 404).end(new JsonObject()
              .put("status", "ok").encode()));
      ready.add(ownServer.listen(config.port()).onSuccess(s -> LOG.info(
          "event=livequery_listening port={} path={}", s.actualPort(), config.path())));
    }
    return Future.all(ready);
  }

  @Override
  public Future<?> stop() {
    WebSocketHandoff.unregister(vertx);
    LiveQueryMeters.untrack(hub);
    if (cloud != null) {
      SharedCloudCode.release(vertx);
    }
    if (pinger >= 0) {
      vertx.cancelTimer(pinger);
    }
    Future<?> closed = (hub == null ? Future.succeededFuture() : hub.closeAll())
        .compose(v -> redis == null ? Future.succeededFuture() : redis.stop());
    return closed.compose(v -> ownServer == null ? Future.succeededFuture() : ownServer.shutdown(10,
        java.util.concurrent.TimeUnit.SECONDS))
        .compose(v -> storage == null ? Future.succeededFuture() : storage.close());
  }
}
