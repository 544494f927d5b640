package io.parsevertx.gateway.http;

import io.parsevertx.common.bus.HealthProbe;
import io.parsevertx.common.bus.ServiceRole;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Health, without keys, for load balancers and Kubernetes probes.
 *
 * <pre>
 * GET /health         curl URL/health   (200 {"status":"ok"} once every service answers, else 503)
 * GET /readiness      the same
 * </pre>
 */
final class HealthRoutes {
  private final HealthProbe probe;
  private final List<ServiceRole> services;

  HealthRoutes(HealthProbe probe, List<ServiceRole> services) {
    this.probe = probe;
    this.services = services;
  }

  void mount(Router router) {
    router.get("/health").handler(this::handleHealth);
    router.get("/readiness").handler(this::handleHealth);
  }

  private void handleHealth(RoutingContext ctx) {
    probe.check(services).onSuccess(status -> {
      boolean ready = status.stream().allMatch(e -> "ok".equals(e.getValue()));
      ctx.response().setStatusCode(ready ? 200 : 503);
      Responses.json(ctx, ready ? new JsonObject().put("status", "ok")
          : new JsonObject().put("status", "unavailable").put("services", status));
    }).onFailure(ctx::fail);
  }
}
