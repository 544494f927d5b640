package io.parsevertx.server.api;

import io.parsevertx.common.auth.AuthDataAdapter;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A custom adapter with a challenge, loaded by class name in tests: {@code POST /challenge}
 * hands out a nonce for an id; a log-in must present it, once. Its {@code afterFind} shows
 * clients the id alone, never the used nonce that is stored with it.
 */
public final class NonceAdapter implements AuthDataAdapter {
  private static final Map<String, String> ISSUED = new ConcurrentHashMap<>();

  @Override
  public Future<JsonObject> challenge(JsonObject challengeData, JsonObject authData,
      JsonObject user) {
    String id = authData == null ? null : authData.getString("id");
    if (id == null) {
      return Future.failedFuture(new ParseException(ParseErrorCode.OBJECT_NOT_FOUND,
          "an id is needed"));
    }
    String nonce = UUID.randomUUID().toString();
    ISSUED.put(nonce, id);
    return Future.succeededFuture(new JsonObject().put("nonce", nonce)
        .put("knownUser", user == null ? null : user.getString("username")));
  }

  @Override
  public JsonObject afterFind(JsonObject stored) {
    return new JsonObject().put("id", stored.getString("id"));
  }

  @Override
  public Future<Void> validateAuthData(JsonObject authData) {
    String nonce = authData.getString("nonce");
    return nonce != null && ISSUED.remove(nonce, authData.getString("id"))
        ? Future.succeededFuture()
        : Future.failedFuture(new ParseException(ParseErrorCode.OBJECT_NOT_FOUND,
            "unknown or used nonce"));
  }
}
