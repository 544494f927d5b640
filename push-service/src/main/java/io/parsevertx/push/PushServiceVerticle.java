package io.parsevertx.push;

import io.parsevertx.common.bus.BusReplies;
import io.parsevertx.common.bus.EventBusAddresses;
import io.parsevertx.common.bus.ServiceRole;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;

/**
 * push-service: {@code POST /push} on the event bus, the sends themselves (APNs through Pushy,
 * FCM through the Firebase Admin SDK, or a custom {@link PushAdapter}), and scheduled pushes.
 * Without a {@code push} option it still answers, with 115 (Missing push configuration).
 */
public final class PushServiceVerticle extends VerticleBase {
  private PushComponents components;
  private long schedulerTimer = -1;

  @Override
  public Future<?> start() {
    PushConfig config = PushConfig.fromJson(config());
    return PushComponents.create(vertx, config).compose(built -> {
      components = built;
      EventBus bus = vertx.eventBus();
      Future<Void> send = bus.consumer(EventBusAddresses.PUSH_SEND,
          BusReplies.handler(built.service()::send)).completion();
      Future<Void> health = BusReplies.registerHealth(bus, ServiceRole.PUSH);
      if (built.scheduler() == null || !config.scheduledPush()) {
        return Future.all(send, health);
      }
      Future<Void> wake = bus.consumer(EventBusAddresses.PUSH_SCHEDULED,
          m -> built.scheduler().scan()).completion();
      schedulerTimer = vertx.setPeriodic(config.schedulerPeriodMillis(),
          id -> built.scheduler().scan());
      return Future.all(send, health, wake);
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(schedulerTimer);
    return components == null || components.adapter() == null ? Future.succeededFuture()
        : components.adapter().close();
  }
}
