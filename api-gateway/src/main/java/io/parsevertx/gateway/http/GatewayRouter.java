package io.parsevertx.gateway.http;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.common.bus.AuthServiceClient;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.HealthProbe;
import io.parsevertx.common.bus.PushServiceClient;
import io.parsevertx.common.logs.RecentLogs;
import io.parsevertx.gateway.GatewayConfig;
import io.parsevertx.common.ratelimit.RateLimiter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds the gateway's HTTP routes, in the order every request passes them. */
public final class GatewayRouter {
  /** How long a health probe waits for each service. */
  private static final long HEALTH_TIMEOUT_MILLIS = 2_000;

  private GatewayRouter() {}

  public static Router create(Vertx vertx, GatewayConfig config) {
    Router root = Router.router(vertx);
    root.route().handler(RequestIds::handle);
    root.route().handler(cors(config));
    HealthRoutes health = new HealthRoutes(
        new HealthProbe(vertx.eventBus(), HEALTH_TIMEOUT_MILLIS), config.healthServices());
    health.mount(root);

    Router api = Router.router(vertx);
    String mount = config.mountPath();
    api.route().handler(ctx -> {
      Responses.rememberMount(ctx, mount.equals("/") ? "" : mount);
      ctx.next();
    });
    health.mount(api);
    AuthServiceClient auth = new AuthServiceClient(vertx.eventBus(), config.requestTimeoutMillis());
    SessionResolver sessions = new SessionResolver(auth, config.sessionCacheTtlMillis());
    sessions.listen(vertx.eventBus());
    // note: before the body handler, so file bodies stream instead of being buffered
    RateLimiter limiter = new RateLimiter(vertx, config.appId(), config.rateLimits());
    new FilesRoutes(vertx, new KeyCheck(config), sessions, config.masterKey(),
        config.maxBodyBytes(), config.requestTimeoutMillis(), limiter, config.trustedProxies(),
        mount).mount(api);
    api.route().handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()));
    new AccountPagesRoutes(auth, config.appId(), mount).mount(api);
    api.route().handler(new ParseRequestHandler(new KeyCheck(config), sessions,
        config.keywordDenylist(), limiter, config.trustedProxies(), mount));
    DataServiceClient data = new DataServiceClient(vertx.eventBus(), config.requestTimeoutMillis());
    ClassesRoutes classes = new ClassesRoutes(data, auth,
        new IdempotencyGuard(config.idempotency(), data, mount));
    classes.mount(api);
    new BatchRoutes(classes.batchOperations(), mount, config.batchRequestLimit(), data, limiter)
        .mount(api);
    new SchemasRoutes(data).mount(api);
    new UsersRoutes(auth, data).mount(api);
    new ConfigRoutes(data).mount(api);
    new FunctionsRoutes(data).mount(api);
    new HooksRoutes(data).mount(api);
    new AudiencesRoutes(data).mount(api);
    new ServerInfoRoutes(config.serverInfo(), RecentLogs.process(),
        java.util.Arrays.asList(config.masterKey(), config.readOnlyMasterKey())).mount(api);
    new PushRoutes(new PushServiceClient(vertx.eventBus(), config.requestTimeoutMillis()))
        .mount(api);

    root.route(mount.equals("/") ? "/*" : mount + "/*").subRouter(api);
    root.route().failureHandler(ErrorResponses::handle);
    api.route().failureHandler(ErrorResponses::handle);
    root.errorHandler(404, ErrorResponses::handle);
    root.errorHandler(405, ErrorResponses::handle);
    return root;
  }

  /** Parse Server's CORS answer: any origin unless {@code allowOrigin} says otherwise. */
  private static CorsHandler cors(GatewayConfig config) {
    CorsHandler cors = CorsHandler.create();
    if (config.allowOrigins().isEmpty()) {
      cors.addOrigin("*");
    } else {
      config.allowOrigins().forEach(cors::addOrigin);
    }
    List<String> headers = new ArrayList<>(ParseHeaders.CORS_ALLOWED);
    headers.addAll(config.allowHeaders());
    return cors.allowedHeaders(Set.copyOf(headers))
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.POST, HttpMethod.DELETE,
            HttpMethod.OPTIONS))
        .exposedHeaders(Set.copyOf(ParseHeaders.CORS_EXPOSED))
        .maxAgeSeconds(86400);
  }
}
