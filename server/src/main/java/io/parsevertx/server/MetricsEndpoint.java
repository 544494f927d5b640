package io.parsevertx.server;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parsevertx.common.options.ParseServerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus metrics on a port of their own ({@code metricsPort}), kept off the API port so
 * they can stay inside the cluster: Vert.x's own (HTTP requests by route and status, event bus)
 * and the suite's ({@code parse_*}: event-bus round trips per address, rate-limit refusals,
 * LiveQuery clients and subscriptions, pushes sent), all in one registry.
 */
final class MetricsEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
  private final PrometheusMeterRegistry registry;
  private final int port;
  private HttpServer server;

  private MetricsEndpoint(PrometheusMeterRegistry registry, int port) {
    this.registry = registry;
    this.port = port;
  }

  /** @return the endpoint {@code metricsPort} asks for, or null when it is not set */
  static MetricsEndpoint of(JsonObject options) {
    Number port = options.getNumber(ParseServerOptions.METRICS_PORT);
    if (port == null) {
      return null;
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // note: the suite's own meters are registered globally, so they land here too
    Metrics.addRegistry(registry);
    return new MetricsEndpoint(registry, port.intValue());
  }

  /** Vert.x's metrics into the same registry, labelled by route, status and address. */
  VertxBuilder instrument(VertxBuilder builder, VertxOptions options) {
    options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE,
            Label.EB_ADDRESS, Label.EB_FAILURE)));
    return builder.with(options).withMetrics(new MicrometerMetricsFactory(registry));
  }

  Future<Integer> serve(Vertx vertx) {
    server = vertx.createHttpServer().requestHandler(request -> {
      if (!"/metrics".equals(request.path())) {
        request.response().setStatusCode(404).end();
        return;
      }
      request.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
          .end(registry.scrape());
    });
    return server.listen(port).map(listening -> {
      LOG.info("event=metrics_listening port={} path=/metrics", listening.actualPort());
      return listening.actualPort();
    });
  }

  void close() {
    Metrics.removeRegistry(registry);
    registry.close();
  }
}
