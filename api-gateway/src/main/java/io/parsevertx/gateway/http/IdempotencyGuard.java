package io.parsevertx.gateway.http;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.options.IdempotencyOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Before a write whose path {@code idempotencyOptions} covers: an {@code X-Parse-Request-Id}
 * seen within the ttl fails the request with 159, so a retried write is applied once.
 */
final class IdempotencyGuard {
  private final IdempotencyOptions options;
  private final DataServiceClient data;
  private final String mountPath;

  IdempotencyGuard(IdempotencyOptions options, DataServiceClient data, String mountPath) {
    this.options = options;
    this.data = data;
    this.mountPath = mountPath.equals("/") ? "" : mountPath;
  }

  Future<Void> check(RoutingContext ctx) {
    String requestId = ctx.request().getHeader(ParseHeaders.PARSE_REQUEST_ID);
    if (!options.enabled() || requestId == null) {
      return Future.succeededFuture();
    }
    String path = ctx.request().path();
    String relative = path.startsWith(mountPath + "/") ? path.substring(mountPath.length() + 1)
        : path;
    if (!options.covers(relative)) {
      return Future.succeededFuture();
    }
    ParseRequest request = ParseRequest.of(ctx);
    return data.reserveRequestId(new ServiceRequest(request.requestId(), request.auth(), null,
        null, null, new JsonObject().put("requestId", requestId)
            .put("ttl", options.ttlSeconds()))).mapEmpty();
  }
}
