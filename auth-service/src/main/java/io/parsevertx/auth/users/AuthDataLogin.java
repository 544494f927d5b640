package io.parsevertx.auth.users;

import io.parsevertx.auth.sessions.SessionService;
import io.parsevertx.common.ObjectIds;
import io.parsevertx.common.ParseFields;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.storage.StorageAdapter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Sign-up and log-in with {@code authData} ({@code POST /users} without username and
 * password): the user whose {@code authData.<provider>.id} matches logs in (200), or a new one
 * is created (201), as Parse Server does. Built in: {@code anonymous} (with
 * {@code enableAnonymousUsers}); third-party providers answer 252 until their adapters exist.
 */
final class AuthDataLogin {
  private static final String ANONYMOUS = "anonymous";
  private static final FindOptions ONE = new FindOptions(List.of(), 1, 0, null, false);

  private final StorageAdapter storage;
  private final Supplier<Future<ClassSchema>> userSchema;
  private final SessionService sessions;
  private final boolean anonymousEnabled;

  AuthDataLogin(StorageAdapter storage, Supplier<Future<ClassSchema>> userSchema,
      SessionService sessions, boolean anonymousEnabled) {
    this.storage = storage;
    this.userSchema = userSchema;
    this.sessions = sessions;
    this.anonymousEnabled = anonymousEnabled;
  }

  /** True for a body that signs in with authData alone. */
  static boolean handles(JsonObject body) {
    return body.getValue(UserFields.AUTH_DATA) instanceof JsonObject
        && !body.containsKey(UserFields.USERNAME) && !body.containsKey(UserFields.PASSWORD);
  }

  Future<JsonObject> signUpOrLogIn(ServiceRequest request, JsonObject acl) {
    JsonObject authData = request.body().getJsonObject(UserFields.AUTH_DATA);
    if (authData.size() != 1 || !(authData.getValue(ANONYMOUS) instanceof JsonObject data)
        || !anonymousEnabled) {
      throw new ParseException(ParseErrorCode.UNSUPPORTED_SERVICE,
          "This authentication method is unsupported.");
    }
    if (!(data.getValue("id") instanceof String id) || id.isEmpty()) {
      throw new ParseException(ParseErrorCode.LINKED_ID_MISSING,
          "authData.anonymous.id is required");
    }
    return userSchema.get().compose(schema -> storage.find(schema, new QueryNode.Constraint(
            "authData." + ANONYMOUS + ".id", QueryOp.EQ, id), ONE)
        .compose(found -> found.isEmpty() ? create(schema, request, data, acl)
            : logIn(found.get(0), request)));
  }

  private Future<JsonObject> logIn(JsonObject user, ServiceRequest request) {
    return sessions.create(user.getString(ParseFields.OBJECT_ID), "login", ANONYMOUS,
            request.auth().installationId())
        .map(session -> UserFields.forOwner(user)
            .put(SessionService.SESSION_TOKEN, session.getString(SessionService.SESSION_TOKEN))
            .put(ParseFields.REPLY_STATUS, 200));
  }

  private Future<JsonObject> create(ClassSchema schema, ServiceRequest request, JsonObject data,
      JsonObject acl) {
    String userId = acl.fieldNames().iterator().next();
    String now = ParseDates.format(Instant.now());
    String username = ObjectIds.newId(25);
    JsonObject user = new JsonObject().put(ParseFields.OBJECT_ID, userId)
        .put(ParseFields.CREATED_AT, now).put(ParseFields.UPDATED_AT, now)
        .put(UserFields.USERNAME, username)
        .put(UserFields.AUTH_DATA, new JsonObject().put(ANONYMOUS, data))
        .put(ParseFields.ACL, acl);
    return storage.createObject(schema, user)
        .compose(v -> sessions.create(userId, "signup", ANONYMOUS,
            request.auth().installationId()))
        .map(session -> new JsonObject().put(ParseFields.OBJECT_ID, userId)
            .put(ParseFields.CREATED_AT, now).put(UserFields.USERNAME, username)
            .put(SessionService.SESSION_TOKEN, session.getString(SessionService.SESSION_TOKEN)));
  }
}
