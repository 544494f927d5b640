package io.parsevertx.push.sending;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.schema.ClassNames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code badge} in a push's data is saved on each installation before the send, as Parse Server
 * does: {@code "Increment"} (or {@code {"__op":"Increment","amount":n}}) adds to the stored
 * badge atomically and each device gets its own new number; a plain number is set on all.
 */
final class BadgeUpdates {

  private BadgeUpdates() {}

  /** Writes the badges and puts each installation's new badge into its JSON. */
  static Future<Void> apply(DataServiceClient data, Object badge, List<JsonObject> installations) {
    JsonObject change;
    if ("Increment".equals(badge)) {
      change = new JsonObject().put("__op", "Increment").put("amount", 1);
    } else if (badge instanceof JsonObject op && "Increment".equals(op.getString("__op"))) {
      change = new JsonObject().put("__op", "Increment").put("amount",
          op.getValue("amount", 1));
    } else if (badge instanceof Number number) {
      installations.forEach(i -> i.put("badge", number));
      return Future.join(installations.stream().map(i -> save(data, i, number)).toList())
          .mapEmpty();
    } else {
      return Future.succeededFuture();
    }
    return Future.join(installations.stream().map(i -> save(data, i, change)
        .onSuccess(updated -> i.put("badge", updated.getValue("badge")))).toList()).mapEmpty();
  }

  private static Future<JsonObject> save(DataServiceClient data, JsonObject installation,
      Object badge) {
    return data.update(new ServiceRequest(null, AuthContext.masterKey(), ClassNames.INSTALLATION,
        installation.getString("objectId"), null, new JsonObject().put("badge", badge)));
  }
}
