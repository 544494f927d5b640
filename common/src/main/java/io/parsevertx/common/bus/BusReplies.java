package io.parsevertx.common.bus;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Service side of the bus contract: runs an operation and replies with its result or error. */
public final class BusReplies {
  private static final Logger LOG = LoggerFactory.getLogger(BusReplies.class);

  private BusReplies() {}

  /**
   * A consumer handler that decodes the {@link ServiceRequest}, runs {@code operation} and replies.
   * Parse errors cross the bus as {@code fail(code, message)}; anything else is logged once and
   * crosses as code 1 with a generic message.
   */
  public static io.vertx.core.Handler<Message<JsonObject>> handler(
      Function<ServiceRequest, Future<JsonObject>> operation) {
    return message -> {
      ServiceRequest request;
      Future<JsonObject> result;
      try {
        request = ServiceRequest.fromJson(message.body());
        result = operation.apply(request);
      } catch (RuntimeException e) {
        request = null;
        result = Future.failedFuture(e);
      }
      String requestId = request == null ? null : request.requestId();
      result.onSuccess(message::reply).onFailure(e -> fail(message, requestId, e));
    };
  }

  /**
   * A health consumer: replies {@code {"status":"ok"}} when {@code check} succeeds, else fails
   * with {@code SERVICE_UNAVAILABLE}.
   */
  public static io.vertx.core.Handler<Message<JsonObject>> health(
      java.util.function.Supplier<Future<?>> check) {
    return message -> check.get()
        .onSuccess(v -> message.reply(new JsonObject().put("status", "ok")))
        .onFailure(e -> message.fail(ParseErrorCode.SERVICE_UNAVAILABLE.code(),
            "not ready: " + e.getClass().getSimpleName()));
  }

  /**
   * Registers the health consumer of a role whose readiness is its deployment alone.
   *
   * @return completes once the consumer is registered (cluster-wide when clustered)
   */
  public static Future<Void> registerHealth(io.vertx.core.eventbus.EventBus bus,
      ServiceRole role) {
    return bus.consumer(role.healthAddress(), health(() -> Future.succeededFuture()))
        .completion();
  }

  private static void fail(Message<?> message, String requestId, Throwable error) {
    if (error instanceof ParseException pe && pe.code() != ParseErrorCode.INTERNAL_SERVER_ERROR) {
      message.fail(pe.code().code(), pe.getMessage());
      return;
    }
    LOG.error("event=operation_failed requestId={} address={}", requestId, message.address(),
        error);
    message.fail(ParseErrorCode.INTERNAL_SERVER_ERROR.code(), "Internal server error.");
  }
}
