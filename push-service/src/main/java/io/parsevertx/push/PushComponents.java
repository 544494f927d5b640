package io.parsevertx.push;

import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.push.adapter.PushAdapters;
import io.parsevertx.push.sending.InstallationPages;
import io.parsevertx.push.sending.PushRunner;
import io.parsevertx.push.sending.PushStatusStore;
import io.parsevertx.push.sending.PushWorkStore;
import io.parsevertx.push.sending.PushWorker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The one place push-service's objects are built.
 *
 * @param adapter the configured adapter, or null when push is not configured
 * @param worker null when push is not configured
 * @param scheduler null when push is not configured
 */
public record PushComponents(PushAdapter adapter, PushService service, PushWorker worker,
    PushScheduler scheduler) {

  public static Future<PushComponents> create(Vertx vertx, PushConfig config) {
    DataServiceClient data = new DataServiceClient(vertx.eventBus(),
        config.requestTimeoutMillis());
    PushStatusStore statuses = new PushStatusStore(data);
    PushWorkStore work = new PushWorkStore(data);
    return PushAdapters.create(vertx, config.push()).map(adapter -> {
      if (adapter == null) {
        return new PushComponents(null, new PushService(null, statuses, vertx.eventBus(),
            config.scheduledPush()), null, null);
      }
      InstallationPages pages = new InstallationPages(data, adapter.deviceTypes());
      PushRunner runner = new PushRunner(pages, statuses, work, vertx.eventBus(),
          config.slices());
      PushWorker worker = new PushWorker(vertx, work, statuses, pages,
          PushWorker.sender(adapter, data), config.batchSize(), config.leaseMillis());
      return new PushComponents(adapter, new PushService(runner, statuses, vertx.eventBus(),
          config.scheduledPush()), worker, new PushScheduler(vertx, statuses, runner));
    });
  }
}
