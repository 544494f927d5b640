package io.parsevertx.livequery;

import io.parsevertx.common.bus.BusReplies;
import io.parsevertx.common.bus.ServiceRole;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * livequery-service: will own the LiveQuery WebSocket protocol (issue #7). Until then it registers only its health consumer, so the
 * launcher, health checks and deployment wiring are real; it serves no endpoint it cannot honour.
 */
public final class LiveQueryServiceVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return BusReplies.registerHealth(vertx.eventBus(), ServiceRole.LIVEQUERY);
  }
}
