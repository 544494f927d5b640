package io.parsevertx.files;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.schema.ClassNames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** Whether a user signed up through the anonymous provider (and has not left it since). */
final class AnonymousUsers {
  private final DataServiceClient data;

  AnonymousUsers(DataServiceClient data) {
    this.data = data;
  }

  Future<Boolean> isAnonymous(String userId, String requestId) {
    return data.getUntriggered(new ServiceRequest(requestId, AuthContext.masterKey(),
            ClassNames.USER, userId, new JsonObject(), new JsonObject()))
        .map(user -> user.getValue("authData") instanceof JsonObject authData
            && authData.getValue("anonymous") != null);
  }
}
