package io.parsevertx.auth;

import io.parsevertx.common.bus.BusReplies;
import io.parsevertx.common.bus.ServiceRole;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * auth-service: will own users, sessions, login, password reset and auth adapters (issues #5, #6). Until then it registers only its health consumer, so the
 * launcher, health checks and deployment wiring are real; it serves no endpoint it cannot honour.
 */
public final class AuthServiceVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return BusReplies.registerHealth(vertx.eventBus(), ServiceRole.AUTH);
  }
}
