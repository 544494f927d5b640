package io.parsevertx.server.api;

import io.parsevertx.common.auth.AuthDataAdapter;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** A custom authData adapter, loaded by class name from the {@code auth} option in tests. */
public final class PasswordWordAdapter implements AuthDataAdapter {
  private String word;

  @Override
  public void init(Vertx vertx, JsonObject options) {
    word = options.getString("word");
  }

  @Override
  public Future<Void> validateAuthData(JsonObject authData) {
    return word.equals(authData.getString("word")) ? Future.succeededFuture()
        : Future.failedFuture(new ParseException(ParseErrorCode.OBJECT_NOT_FOUND,
            "wrong word"));
  }
}
