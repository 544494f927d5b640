package io.parsevertx.auth.sessions;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The session operations clients reach ({@code /sessions}) and the one the gateway uses to
 * turn a session token into a user.
 */
public final class SessionOperations {
  private final SessionService sessions;

  public SessionOperations(SessionService sessions) {
    this.sessions = sessions;
  }

  /**
   * @return {@code {"userId","sessionId"}} and {@code "expiresAt"} when the session ends;
   *     fails with 209
   */
  public Future<JsonObject> resolve(ServiceRequest request) {
    return sessions.find(request.body().getString(SessionService.SESSION_TOKEN))
        .map(session -> {
          JsonObject resolved = new JsonObject()
              .put("userId", SessionService.userIdOf(session))
              .put("sessionId", session.getString(ParseFields.OBJECT_ID));
          JsonObject expiresAt = session.getJsonObject("expiresAt");
          return expiresAt == null ? resolved
              : resolved.put("expiresAt", expiresAt.getString(ParseFields.ISO));
        });
  }

  /** @return the caller's session, token included; fails with 209 */
  public Future<JsonObject> me(ServiceRequest request) {
    return sessions.find(request.auth().sessionToken()).map(SessionOperations::visible);
  }

  /**
   * {@code POST /upgradeToRevocableSession}: every session here is revocable already, so the
   * caller gets a fresh one made for the upgrade, as Parse Server answers.
   *
   * @return the new session; fails with 209 without a valid session
   */
  public Future<JsonObject> upgrade(ServiceRequest request) {
    return sessions.find(request.auth().sessionToken()).compose(current -> sessions.create(
            SessionService.userIdOf(current), "upgrade", "password",
            request.auth().installationId()))
        .map(SessionOperations::visible);
  }

  /** @return {@code {"results":[...]}}: the caller's sessions, or all with the master key */
  public Future<JsonObject> list(ServiceRequest request) {
    AuthContext auth = request.auth();
    if (!auth.master() && auth.userId() == null) {
      throw SessionService.invalidToken();
    }
    return sessions.list(auth.master() ? null : auth.userId()).map(found -> {
      JsonArray results = new JsonArray();
      found.forEach(s -> results.add(visible(s)));
      return new JsonObject().put("results", results);
    });
  }

  /**
   * {@code PUT /sessions/:id}: the caller's own session (any with the master key) takes new
   * custom fields; what makes it a session ({@code sessionToken}, {@code user},
   * {@code createdWith}, {@code expiresAt}) cannot be changed by a client.
   *
   * @return {@code {"updatedAt"}}; fails with 101 for another's session, 105 for those fields
   */
  public Future<JsonObject> update(ServiceRequest request) {
    AuthContext auth = request.auth();
    JsonObject body = request.body().copy();
    ParseFields.SERVER_FIELDS.forEach(body::remove);
    for (String reserved : java.util.List.of(SessionService.SESSION_TOKEN, "user",
        "createdWith", "expiresAt")) {
      if (body.containsKey(reserved) && !auth.master()) {
        throw ParseException.of(ParseErrorCode.INVALID_KEY_NAME,
            "%s of a session cannot be changed.", reserved);
      }
    }
    return sessions.list(auth.master() ? null : auth.userId()).compose(found -> found.stream()
        .filter(s -> s.getString(ParseFields.OBJECT_ID).equals(request.objectId()))
        .findFirst().map(session -> sessions.update(session, body))
        .orElse(Future.failedFuture(new ParseException(ParseErrorCode.OBJECT_NOT_FOUND,
            "Object not found."))));
  }

  /** @return {@code {}}; fails with 101 for a session that is not the caller's */
  public Future<JsonObject> delete(ServiceRequest request) {
    AuthContext auth = request.auth();
    return sessions.list(auth.master() ? null : auth.userId()).compose(found -> found.stream()
            .filter(s -> s.getString(ParseFields.OBJECT_ID).equals(request.objectId()))
            .findFirst().map(sessions::delete)
            .orElse(Future.failedFuture(new ParseException(ParseErrorCode.OBJECT_NOT_FOUND,
                "Object not found."))))
        .map(v -> new JsonObject());
  }

  private static JsonObject visible(JsonObject session) {
    JsonObject copy = session.copy();
    copy.fieldNames().removeIf(name -> name.startsWith("_"));
    copy.remove(SessionService.SERVER_DATA);
    return copy;
  }
}
