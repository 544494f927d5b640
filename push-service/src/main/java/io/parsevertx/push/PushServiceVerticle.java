package io.parsevertx.push;

import io.parsevertx.common.bus.BusReplies;
import io.parsevertx.common.bus.ServiceRole;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * push-service: will own installations and /push through APNs and FCM (issue #12). Until then it registers only its health consumer, so the
 * launcher, health checks and deployment wiring are real; it serves no endpoint it cannot honour.
 */
public final class PushServiceVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return BusReplies.registerHealth(vertx.eventBus(), ServiceRole.PUSH);
  }
}
