package io.parsevertx.gateway.http;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.common.bus.PushServiceClient;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Sending push notifications, with the master key only (client push is refused).
 *
 * <pre>
 * POST /push  curl -X POST -H "X-Parse-Application-Id: APP" -H "X-Parse-Master-Key: MK" -d '{"channels":["news"],"data":{"alert":"hi"}}' URL/push
 * </pre>
 */
final class PushRoutes {
  private final PushServiceClient push;

  PushRoutes(PushServiceClient push) {
    this.push = push;
  }

  void mount(Router router) {
    router.post("/push").handler(this::handleSend);
  }

  private void handleSend(RoutingContext ctx) {
    push.send(ParseRequest.of(ctx).requireMaster().toService(null, null))
        .onSuccess(reply -> {
          Object statusId = reply.remove(PushServiceClient.PUSH_STATUS_ID);
          if (statusId != null) {
            ctx.response().putHeader(ParseHeaders.PUSH_STATUS_ID, statusId.toString());
          }
          Responses.json(ctx, reply);
        })
        .onFailure(ctx::fail);
  }
}
