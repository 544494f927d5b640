package io.parsevertx.server;

import io.parsevertx.auth.AuthServiceVerticle;
import io.parsevertx.common.bus.ServiceRole;
import io.parsevertx.data.DataServiceVerticle;
import io.parsevertx.files.FilesServiceVerticle;
import io.parsevertx.gateway.GatewayVerticle;
import io.parsevertx.livequery.LiveQueryServiceVerticle;
import io.parsevertx.push.PushServiceVerticle;
import io.vertx.core.Deployable;

/** The verticle behind each role. */
final class ServiceVerticles {

  private ServiceVerticles() {}

  static Deployable create(ServiceRole role) {
    return switch (role) {
      case GATEWAY -> new GatewayVerticle();
      case DATA -> new DataServiceVerticle();
      case AUTH -> new AuthServiceVerticle();
      case FILES -> new FilesServiceVerticle();
      case PUSH -> new PushServiceVerticle();
      case LIVEQUERY -> new LiveQueryServiceVerticle();
    };
  }
}
