package io.parsevertx.data.functions;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.data.classes.ClassesService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Who a Cloud Code request says is calling: {@code master}, {@code installationId}, {@code ip},
 * and {@code user} (the caller's {@code _User} with its {@code sessionToken}) when signed in.
 */
final class CloudCaller {
  private final ClassesService classes;

  CloudCaller(ClassesService classes) {
    this.classes = classes;
  }

  Future<JsonObject> of(ServiceRequest request) {
    AuthContext auth = request.auth();
    JsonObject call = new JsonObject().put("master", auth.master())
        .put("installationId", auth.installationId()).put("ip", auth.ip());
    if (auth.userId() == null) {
      return Future.succeededFuture(call);
    }
    return classes.get(new ServiceRequest(request.requestId(), AuthContext.masterKey(),
        ClassNames.USER, auth.userId(), null, null))
        .map(user -> call.put("user", user.put("sessionToken", auth.sessionToken())));
  }
}
