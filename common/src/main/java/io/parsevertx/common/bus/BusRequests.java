package io.parsevertx.common.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** The one way a typed client sends a {@link ServiceRequest}: with a timeout and a request id. */
final class BusRequests {

  private BusRequests() {}

  static Future<JsonObject> send(EventBus eventBus, long timeoutMillis, String address,
      ServiceRequest request) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMillis)
        .addHeader(EventBusAddresses.REQUEST_ID_HEADER, String.valueOf(request.requestId()));
    io.micrometer.core.instrument.Timer.Sample sample = io.micrometer.core.instrument.Timer
        .start();
    return eventBus.<JsonObject>request(address, request.toJson(), options)
        .map(Message::body)
        .recover(e -> Future.failedFuture(BusFailures.toParseException(e)))
        .andThen(done -> sample.stop(io.micrometer.core.instrument.Timer.builder(
                "parse.eventbus.request").description("a service request's round trip")
            .tag("address", address).tag("outcome", done.succeeded() ? "ok" : "error")
            .register(io.micrometer.core.instrument.Metrics.globalRegistry)));
  }
}
