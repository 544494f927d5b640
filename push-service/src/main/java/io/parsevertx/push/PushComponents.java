package io.parsevertx.push;

import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.push.adapter.PushAdapters;
import io.parsevertx.push.sending.PushRunner;
import io.parsevertx.push.sending.PushStatusStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The one place push-service's objects are built.
 *
 * @param adapter the configured adapter, or null when push is not configured
 * @param runner null when push is not configured
 * @param scheduler null when push is not configured
 */
public record PushComponents(PushAdapter adapter, PushService service, PushRunner runner,
    PushScheduler scheduler) {

  public static Future<PushComponents> create(Vertx vertx, PushConfig config) {
    DataServiceClient data = new DataServiceClient(vertx.eventBus(),
        config.requestTimeoutMillis());
    PushStatusStore statuses = new PushStatusStore(data);
    return PushAdapters.create(vertx, config.push()).map(adapter -> {
      PushRunner runner = adapter == null ? null
          : new PushRunner(adapter, statuses, data, config.batchSize());
      return new PushComponents(adapter,
          new PushService(runner, statuses, vertx.eventBus(), config.scheduledPush()), runner,
          runner == null ? null : new PushScheduler(vertx, statuses, runner));
    });
  }
}
