package io.parsevertx.common.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/** Typed client of push-service over the event bus. */
public final class PushServiceClient {
  /** The reply field carrying the {@code _PushStatus} objectId (the gateway makes it a header). */
  public static final String PUSH_STATUS_ID = "pushStatusId";
  /** {@code POST /push} body key naming the saved {@code _Audience} the push goes to. */
  public static final String AUDIENCE_ID = "audience_id";

  private final EventBus eventBus;
  private final long timeoutMillis;

  public PushServiceClient(EventBus eventBus, long timeoutMillis) {
    this.eventBus = eventBus;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * Queues a push ({@code POST /push}'s body).
   *
   * @return {@code {"result": true, "pushStatusId"}}; fails with 115 when push is not configured
   *     or the body is wrong (107 for bad JSON values, 152 for a bad push_time), 119 for the
   *     read-only master key, 2 when no push-service answers
   */
  public Future<JsonObject> send(ServiceRequest request) {
    return BusRequests.send(eventBus, timeoutMillis, EventBusAddresses.PUSH_SEND, request);
  }
}
