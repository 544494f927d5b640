package io.parsevertx.push;

import io.parsevertx.common.bus.EventBusAddresses;
import io.parsevertx.common.bus.PushServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.push.sending.PushRequest;
import io.parsevertx.push.sending.PushRunner;
import io.parsevertx.push.sending.PushStatusStore;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /push}: checks the request, records a {@code _PushStatus}, and either starts the
 * send (answering at once, as Parse Server does) or leaves it scheduled for its
 * {@code push_time}.
 */
public final class PushService {
  private static final Logger LOG = LoggerFactory.getLogger(PushService.class);

  private final PushRunner runner;
  private final PushStatusStore statuses;
  private final EventBus bus;
  private final boolean scheduledPush;

  /** @param runner null when push is not configured */
  public PushService(PushRunner runner, PushStatusStore statuses, EventBus bus,
      boolean scheduledPush) {
    this.runner = runner;
    this.statuses = statuses;
    this.bus = bus;
    this.scheduledPush = scheduledPush;
  }

  /**
   * @return {@code {"result": true, "pushStatusId"}}; fails with 119 without the (writing)
   *     master key, 115 when push is not configured or the body is wrong, 152 for push_time
   */
  public Future<JsonObject> send(ServiceRequest request) {
    if (!request.auth().master()) {
      throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN, request.auth()
          .readOnlyMaster() ? "read-only masterKey isn't allowed to send push notifications."
          : "unauthorized: master key is required");
    }
    if (runner == null) {
      throw new ParseException(ParseErrorCode.PUSH_MISCONFIGURED, "Missing push configuration");
    }
    PushRequest push = PushRequest.parse(request.body());
    Instant now = Instant.now();
    boolean later = scheduledPush && push.pushTime() != null && push.pushTime().isAfter(now);
    return statuses.create(push, request.body(), now).compose(statusId -> audienceUsed(
        request.body(), now).map(statusId)).compose(statusId -> {
      LOG.info("event=push_accepted requestId={} pushStatusId={} scheduled={}",
          request.requestId(), statusId, later);
      JsonObject reply = new JsonObject().put("result", true)
          .put(PushServiceClient.PUSH_STATUS_ID, statusId);
      if (later) {
        return statuses.update(statusId, new JsonObject().put("status",
            PushStatusStore.SCHEDULED)).map(v -> {
              bus.publish(EventBusAddresses.PUSH_SCHEDULED, new JsonObject());
              return reply;
            });
      }
      runner.run(statusId, push);
      return Future.succeededFuture(reply);
    });
  }

  /** A push to a saved audience counts as its use; a failure to record it is only logged. */
  private Future<Void> audienceUsed(JsonObject body, Instant now) {
    if (!(body.getValue(PushServiceClient.AUDIENCE_ID) instanceof String audienceId)) {
      return Future.succeededFuture();
    }
    return statuses.audienceUsed(audienceId, now).recover(e -> {
      LOG.warn("event=push_audience_not_updated audienceId={} error={}", audienceId,
          e.getMessage());
      return Future.succeededFuture();
    });
  }
}
