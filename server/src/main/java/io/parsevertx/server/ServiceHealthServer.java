package io.parsevertx.server;

import io.parsevertx.common.bus.HealthProbe;
import io.parsevertx.common.bus.ServiceRole;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health} (and {@code /readiness}) on {@code --port} for a process without the
 * gateway, so an orchestrator can probe data, auth, files and push processes too: 200 once the
 * services this process runs answer on the bus, 503 with their states before that.
 */
final class ServiceHealthServer {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceHealthServer.class);
  private static final long PROBE_TIMEOUT_MILLIS = 2_000;

  private ServiceHealthServer() {}

  static Future<HttpServer> start(Vertx vertx, List<ServiceRole> roles, int port) {
    HealthProbe probe = new HealthProbe(vertx.eventBus(), PROBE_TIMEOUT_MILLIS);
    return vertx.createHttpServer().requestHandler(request -> {
      if (!request.path().equals("/health") && !request.path().equals("/readiness")) {
        request.response().setStatusCode(404).end();
        return;
      }
      probe.check(roles).onComplete(checked -> {
        JsonObject status = checked.succeeded() ? checked.result() : new JsonObject();
        boolean ready = checked.succeeded() && status.stream()
            .allMatch(e -> "ok".equals(e.getValue()));
        request.response().setStatusCode(ready ? 200 : 503)
            .putHeader("Content-Type", "application/json; charset=utf-8")
            .end((ready ? new JsonObject().put("status", "ok") : new JsonObject()
                .put("status", "unavailable").put("services", status)).encode());
      });
    }).listen(port).onSuccess(server -> LOG.info("event=health_listening port={} services={}",
        server.actualPort(), roles));
  }
}
