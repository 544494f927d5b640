package io.parsevertx.auth.users;

import io.parsevertx.common.auth.AuthDataAdapter;
import io.parsevertx.auth.authdata.AuthDataAdapters;
import io.parsevertx.auth.mfa.TotpMfa;
import io.parsevertx.auth.sessions.SessionService;
import io.parsevertx.common.ObjectIds;
import io.parsevertx.common.ParseFields;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.livequery.ObjectChange;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.storage.StorageAdapter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sign-up and log-in with {@code authData} ({@code POST /users} without username and
 * password): the provider's adapter checks the credentials, then the user whose
 * {@code authData.<provider>.id} matches logs in (200), or a new one is created (201), as Parse
 * Server does.
 */
final class AuthDataLogin {
  private static final java.util.Set<String> SECRETS = java.util.Set.of("id_token", "token",
      "access_token", "code");
  private static final FindOptions ONE = new FindOptions(List.of(), 1, 0, null, false);

  private final StorageAdapter storage;
  private final Supplier<Future<ClassSchema>> userSchema;
  private final SessionService sessions;
  private final AuthDataAdapters adapters;
  private final FurtherFactors furtherFactors;
  private final Consumer<ObjectChange> created;

  private final AuthTriggers triggers;
  private final java.util.function.Function<JsonObject, Future<ClassSchema>> schemaFor;

  /** The factors a log-in needs after its first one (MFA, additional providers). */
  @FunctionalInterface
  interface FurtherFactors {
    Future<JsonObject> check(JsonObject user, ServiceRequest request, String firstProvider);
  }

  /**
   * @param furtherFactors checks the MFA and additional providers of a user who set them up
   *     (see UserService), so a linked provider is no way around them
   * @param created told of each user signed up here, for LiveQuery
   * @param triggers the app's {@code _User} save triggers, run around a sign-up
   * @param schemaFor the {@code _User} schema with the fields of a user to store added
   */
  AuthDataLogin(StorageAdapter storage, Supplier<Future<ClassSchema>> userSchema,
      SessionService sessions, AuthDataAdapters adapters,
      FurtherFactors furtherFactors,
      Consumer<ObjectChange> created, AuthTriggers triggers,
      java.util.function.Function<JsonObject, Future<ClassSchema>> schemaFor) {
    this.triggers = triggers;
    this.schemaFor = schemaFor;
    this.created = created;
    this.storage = storage;
    this.userSchema = userSchema;
    this.sessions = sessions;
    this.adapters = adapters;
    this.furtherFactors = furtherFactors;
  }

  /** True for a body that signs in with authData alone. */
  static boolean handles(JsonObject body) {
    return body.getValue(UserFields.AUTH_DATA) instanceof JsonObject
        && !body.containsKey(UserFields.USERNAME) && !body.containsKey(UserFields.PASSWORD);
  }

  Future<JsonObject> signUpOrLogIn(ServiceRequest request, JsonObject acl) {
    JsonObject authData = request.body().getJsonObject(UserFields.AUTH_DATA).copy();
    authData.remove(TotpMfa.PROVIDER); // note: further factors ride along, checked at log-in
    adapters.additional().forEach(authData::remove);
    if (authData.size() != 1) {
      throw new ParseException(ParseErrorCode.UNSUPPORTED_SERVICE,
          "Sign in with exactly one authData provider.");
    }
    String provider = authData.fieldNames().iterator().next();
    AuthDataAdapter adapter = adapters.get(provider);
    if (!(authData.getValue(provider) instanceof JsonObject data)
        || adapter.needsId() && (!(data.getValue("id") instanceof String id) || id.isEmpty())) {
      throw ParseException.of(ParseErrorCode.LINKED_ID_MISSING, "authData.%s.id is required",
          provider);
    }
    if (adapter.loginKey() != null) {
      return logInWithStoredCredentials(request, provider, adapter, data);
    }
    return adapter.verify(data, request.auth().ip(), request.auth().installationId())
        .compose(verified -> userSchema.get().compose(schema -> storage.find(schema,
                new QueryNode.Constraint("authData." + provider + ".id", QueryOp.EQ,
                    verified.id()), ONE)
            .compose(found -> found.isEmpty()
                ? create(schema, request, provider, verified, acl)
                : logIn(found.get(0), request, provider, verified))));
  }

  /**
   * A provider that checks a log-in against what the user stored (passkeys): the user is found
   * by {@code authData.id} first, and the adapter's new stored data (a moved counter) is kept.
   * Such a provider never signs a new user up: its credentials are set up by a logged-in user.
   */
  private Future<JsonObject> logInWithStoredCredentials(ServiceRequest request, String provider,
      AuthDataAdapter adapter, JsonObject data) {
    return userSchema.get().compose(schema -> storage.find(schema, new QueryNode.Constraint(
            "authData." + provider + "." + adapter.loginKey(), QueryOp.EQ, data.getValue("id")),
            ONE)
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.failedFuture(ParseException.of(ParseErrorCode.OBJECT_NOT_FOUND,
                "No user has this %s credential.", provider));
          }
          JsonObject user = found.get(0);
          JsonObject stored = user.getJsonObject(UserFields.AUTH_DATA)
              .getJsonObject(provider);
          return adapter.validateLogin(data, stored, request.auth().ip(),
                  request.auth().installationId())
              .compose(verified -> storage.updateObject(schema,
                      UserService.byId(user.getString(ParseFields.OBJECT_ID)), new JsonObject()
                          .put(UserFields.AUTH_DATA, new JsonObject().put(provider,
                              verified.save())))
                  .compose(v -> logIn(user, request, provider, verified)));
        }));
  }

  /** What is kept of the credentials: never the provider's tokens. */
  private static JsonObject stored(JsonObject data) {
    JsonObject kept = data.copy();
    SECRETS.forEach(kept::remove);
    return kept;
  }

  private static JsonObject withResponse(JsonObject reply, String provider,
      AuthDataAdapter.Verified verified) {
    return verified.response() == null ? reply : reply.put("authDataResponse",
        new JsonObject().put(provider, verified.response()));
  }

  /**
   * Links and unlinks providers on an existing user ({@code PUT /users/:id} with
   * {@code authData}): {@code null} unlinks; the provider's adapter checks new credentials
   * ({@code validateSetUp}) or changes to linked ones ({@code validateUpdate}); they may not
   * belong to another user.
   *
   * @param responses receives {@code authDataResponse.<provider>} of each adapter that has one
   * @return the {@code authData} update to store; fails with 252, 250, 101 or 208
   */
  Future<JsonObject> linkChanges(ClassSchema schema, String userId, JsonObject requested,
      JsonObject responses) {
    JsonObject changes = new JsonObject();
    List<String> linking = new java.util.ArrayList<>();
    for (String provider : requested.fieldNames()) {
      Object value = requested.getValue(provider);
      if (value == null) {
        changes.putNull(provider);
        continue;
      }
      adapters.get(provider);
      if (!(value instanceof JsonObject)) {
        throw ParseException.of(ParseErrorCode.LINKED_ID_MISSING, "authData.%s is required",
            provider);
      }
      linking.add(provider);
    }
    if (linking.isEmpty()) {
      return Future.succeededFuture(changes);
    }
    return storage.find(schema, UserService.byId(userId), ONE).compose(found -> {
      JsonObject linked = found.isEmpty() ? new JsonObject()
          : found.get(0).getJsonObject(UserFields.AUTH_DATA, new JsonObject());
      Future<Void> checks = Future.succeededFuture();
      for (String provider : linking) {
        AuthDataAdapter adapter = adapters.get(provider);
        JsonObject data = requested.getJsonObject(provider);
        checks = checks.compose(v -> linked.getValue(provider) instanceof JsonObject stored
                ? adapter.validateUpdate(data, stored, userId)
                : adapter.validateSetUp(data, userId))
            .compose(verified -> requireNotLinkedElsewhere(schema, userId, provider, adapter,
                    verified.id())
                .map(v -> {
                  changes.put(provider, stored(verified.save()));
                  if (verified.response() != null) {
                    responses.put(provider, verified.response());
                  }
                  return null;
                }));
      }
      return checks.map(changes);
    });
  }

  private Future<Void> requireNotLinkedElsewhere(ClassSchema schema, String userId,
      String provider, AuthDataAdapter adapter, String id) {
    String key = adapter.loginKey() == null ? "id" : adapter.loginKey();
    return storage.count(schema, new QueryNode.And(List.of(
            new QueryNode.Constraint("authData." + provider + "." + key, QueryOp.EQ, id),
            new QueryNode.Constraint(ParseFields.OBJECT_ID, QueryOp.NE, userId))))
        .compose(others -> others > 0 ? Future.failedFuture(new ParseException(
            ParseErrorCode.ACCOUNT_ALREADY_LINKED, "this auth is already used"))
            : Future.succeededFuture());
  }

  private Future<JsonObject> logIn(JsonObject user, ServiceRequest request, String provider,
      AuthDataAdapter.Verified verified) {
    return furtherFactors.check(user, request, provider).compose(checked -> sessions.create(user.getString(ParseFields.OBJECT_ID), "login", provider,
            request.auth().installationId(), verified.serverData())
        .map(session -> withResponse(UserFields.forOwner(user, adapters.views())
            .put(SessionService.SESSION_TOKEN, session.getString(SessionService.SESSION_TOKEN))
            .put(ParseFields.REPLY_STATUS, 200), provider, verified)));
  }

  private Future<JsonObject> create(ClassSchema schema, ServiceRequest request, String provider,
      AuthDataAdapter.Verified verified, JsonObject acl) {
    String userId = acl.fieldNames().iterator().next();
    String now = ParseDates.format(Instant.now());
    String username = ObjectIds.newId(25);
    JsonObject user = new JsonObject().put(ParseFields.OBJECT_ID, userId)
        .put(ParseFields.CREATED_AT, now).put(ParseFields.UPDATED_AT, now)
        .put(UserFields.USERNAME, username)
        .put(UserFields.AUTH_DATA, new JsonObject().put(provider, stored(verified.save())))
        .put(ParseFields.ACL, acl);
    // note: the app's beforeSave sees the new user as its owner would and may add fields or
    // refuse; the linked authData and the generated username are not its to change
    JsonObject sent = UserFields.forOwner(user, adapters.views());
    ParseFields.SERVER_FIELDS.forEach(sent::remove);
    return triggers.beforeSave(request, null, sent)
        .map(changed -> {
          changed.remove(UserFields.AUTH_DATA);
          changed.remove(UserFields.PASSWORD);
          changed.remove(UserFields.USERNAME);
          ParseFields.SERVER_FIELDS.forEach(changed::remove);
          UserFields.refuseReserved(changed);
          return user.mergeIn(changed);
        })
        .compose(v -> schemaFor.apply(user))
        .compose(withFields -> storage.createObject(withFields, user))
        .onSuccess(v -> {
          created.accept(new ObjectChange(ClassNames.USER, ObjectChange.CREATE, user, null));
          triggers.afterSave(request, null, UserFields.forOwner(user, adapters.views()));
        })
        .compose(v -> sessions.create(userId, "signup", provider,
            request.auth().installationId(), verified.serverData()))
        .map(session -> withResponse(new JsonObject().put(ParseFields.OBJECT_ID, userId)
            .put(ParseFields.CREATED_AT, now).put(UserFields.USERNAME, username)
            .put(SessionService.SESSION_TOKEN, session.getString(SessionService.SESSION_TOKEN)),
            provider, verified));
  }
}
