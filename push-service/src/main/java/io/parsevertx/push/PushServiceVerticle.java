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

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return components == null || components.adapter() == null ? Future.succeededFuture()
        : components.adapter().close();
  }
}
