package io.parsevertx.livequery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code parse_livequery_clients} and {@code parse_livequery_subscriptions}: registered once
 * per process, summing over the hubs running in it (a meter name can be registered only once,
 * and a process may start and stop several hubs).
 */
final class LiveQueryMeters {
  private static final Set<LiveQueryHub> HUBS = ConcurrentHashMap.newKeySet();

  static {
    Gauge.builder("parse.livequery.clients", HUBS, hubs -> hubs.stream()
        .mapToInt(LiveQueryHub::clientCount).sum()).register(Metrics.globalRegistry);
    Gauge.builder("parse.livequery.subscriptions", HUBS, hubs -> hubs.stream()
        .mapToInt(LiveQueryHub::subscriptionCount).sum()).register(Metrics.globalRegistry);
  }

  private LiveQueryMeters() {}

  static void track(LiveQueryHub hub) {
    HUBS.add(hub);
  }

  static void untrack(LiveQueryHub hub) {
    if (hub != null) {
      HUBS.remove(hub);
    }
  }
}
