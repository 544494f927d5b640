package io.parsevertx.common.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Asks services, over the bus, whether they are deployed and ready. */
public final class HealthProbe {
  private final EventBus eventBus;
  private final long timeoutMillis;

  public HealthProbe(EventBus eventBus, long timeoutMillis) {
    this.eventBus = eventBus;
    this.timeoutMillis = timeoutMillis;
  }

  /** @return {@code {"<role>": "ok" | "unavailable"}} for each role; never fails */
  public Future<JsonObject> check(List<ServiceRole> roles) {
    List<Future<String>> answers = roles.stream().map(this::check).toList();
    return Future.join(answers).transform(done -> {
      JsonObject status = new JsonObject();
      for (int i = 0; i < roles.size(); i++) {
        status.put(roles.get(i).flagName(), answers.get(i).result());
      }
      return Future.succeededFuture(status);
    });
  }

  private Future<String> check(ServiceRole role) {
    return eventBus.request(role.healthAddress(), new JsonObject(),
            new DeliveryOptions().setSendTimeout(timeoutMillis))
        .map(reply -> "ok")
        .otherwise("unavailable");
  }
}
