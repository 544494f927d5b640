package io.parsevertx.push;

import io.parsevertx.common.bus.BusReplies;
import io.parsevertx.common.bus.EventBusAddresses;
import io.parsevertx.common.bus.ServiceRole;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayList;
import java.util.List;

/**
 * push-service: {@code POST /push} on the event bus, the sends themselves (APNs through Pushy,
 * FCM through the Firebase Admin SDK, or a custom {@link PushAdapter}) shared between every
 * instance through leased slices, and scheduled pushes. Without a {@code push} option it still
 * answers, with 115 (Missing push configuration).
 */
public final class PushServiceVerticle extends VerticleBase {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(PushServiceVerticle.class);
  /** As the HTTP servers' graceful shutdown: a page slower than this is left to its lease. */
  private static final long DRAIN_TIMEOUT_SECONDS = 10;
  private PushComponents components;
  private long timer = -1;

  @Override
  public Future<?> start() {
    PushConfig config = PushConfig.fromJson(config());
    return PushComponents.create(vertx, config).compose(built -> {
      components = built;
      EventBus bus = vertx.eventBus();
      List<Future<Void>> ready = new ArrayList<>(List.of(
          bus.consumer(EventBusAddresses.PUSH_SEND, BusReplies.handler(built.service()::send))
              .completion(),
          BusReplies.registerHealth(bus, ServiceRole.PUSH)));
      if (built.worker() == null) {
        return Future.all(ready);
      }
      Runnable tick = () -> {
        if (config.scheduledPush()) {
          built.scheduler().scan();
        }
        built.worker().scan();
      };
      ready.add(bus.consumer(EventBusAddresses.PUSH_SCHEDULED, m -> tick.run()).completion());
      ready.add(bus.consumer(EventBusAddresses.PUSH_WORK, m -> built.worker().scan())
          .completion());
      timer = vertx.setPeriodic(config.schedulerPeriodMillis(), id -> tick.run());
      return Future.all(ready);
    });
  }

  /**
   * Drains before the adapter closes: pages in flight finish and are recorded, and this
   * instance's slices are handed back for another instance (or the next start) to resume.
   */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    if (components == null || components.adapter() == null) {
      return Future.succeededFuture();
    }
    return components.worker().drain()
        .timeout(DRAIN_TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)
        .recover(e -> {
          LOG.warn("event=push_drain_incomplete error={}", e.getClass().getSimpleName());
          return Future.succeededFuture();
        })
        .compose(v -> components.adapter().close());
  }
}
