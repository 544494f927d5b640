package io.parsevertx.files;

import io.parsevertx.common.bus.BusReplies;
import io.parsevertx.common.bus.ServiceRole;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * files-service: will own /files upload, download and delete (issue #11). Until then it registers only its health consumer, so the
 * launcher, health checks and deployment wiring are real; it serves no endpoint it cannot honour.
 */
public final class FilesServiceVerticle extends VerticleBase {

  @Override
  public Future<?> start() {
    return BusReplies.registerHealth(vertx.eventBus(), ServiceRole.FILES);
  }
}
