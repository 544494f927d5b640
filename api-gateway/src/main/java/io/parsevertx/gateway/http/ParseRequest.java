package io.parsevertx.gateway.http;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.UnauthorizedException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A request after the gateway's checks: who calls, the body without the JS SDK's envelope keys,
 * and the parameters (query string, or the body of a {@code _method: GET} POST).
 */
public record ParseRequest(String requestId, AuthContext auth, JsonObject body,
    JsonObject params) {
  private static final String KEY = ParseRequest.class.getName();

  static void store(RoutingContext ctx, ParseRequest request) {
    ctx.put(KEY, request);
  }

  static ParseRequest of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /**
   * This request, when it carries the master key (or, for the reads it may make, the read-only
   * one); else 403 as Parse Server answers.
   */
  ParseRequest requireMaster() {
    if (!auth.master() && !auth.readOnlyMaster()) {
      throw UnauthorizedException.masterKeyRequired();
    }
    return this;
  }

  /** The envelope for a service call on {@code className}/{@code objectId}. */
  public ServiceRequest toService(String className, String objectId) {
    return new ServiceRequest(requestId, auth, className, objectId, params, body);
  }
}
