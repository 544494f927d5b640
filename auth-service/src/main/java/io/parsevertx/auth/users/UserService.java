package io.parsevertx.auth.users;

import io.parsevertx.cloud.CloudCaller;
import io.parsevertx.cloud.CloudCode;
import io.parsevertx.auth.AuthServiceConfig;
import io.parsevertx.auth.authdata.AuthDataAdapters;
import io.parsevertx.auth.email.AccountEmails;
import io.parsevertx.auth.mfa.SmsSender;
import io.parsevertx.auth.mfa.TotpMfa;
import io.parsevertx.auth.password.PasswordHasher;
import io.parsevertx.auth.policy.AccountLockout;
import io.parsevertx.auth.policy.PasswordPolicy;
import io.parsevertx.auth.sessions.SessionService;
import io.parsevertx.common.ObjectIds;
import io.parsevertx.common.ParseFields;
import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.EventBusAddresses;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.livequery.ObjectChange;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.query.WhereParser;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.security.ClassPermissions;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.storage.StorageAdapter;
import io.parsevertx.storage.schema.SchemaController;
import io.parsevertx.storage.security.PrincipalResolver;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Users: sign up, log in and out, the current user, and the changes only a user (or the master
 * key) may make to itself - password (re-hashed), username and email (kept unique), deletion
 * (its sessions go too).
 */
public final class UserService {
  private static final FindOptions ONE = new FindOptions(List.of(), 1, 0, null, false);

  private final StorageAdapter storage;
  private final SchemaController schemas;
  private final SessionService sessions;
  private final PasswordHasher hasher;
  private final AuthServiceConfig config;
  private final EventBus bus;
  private final PrincipalResolver principals;
  private final AccountEmails emails;
  private final AuthDataLogin authDataLogin;
  private final LoginFactors factors;
  private final AuthDataAdapters adapters;
  private final Consumer<ObjectChange> liveChanges;
  private static final long TRIGGER_TIMEOUT_MILLIS = 30_000;
  private final AuthTriggers triggers;

  /**
   * @param liveChanges told of every user created, changed or deleted, for LiveQuery
   * @param cloud the app's cloud code: its {@code _User} triggers run around this service's work
   */
  public UserService(StorageAdapter storage, SchemaController schemas, SessionService sessions,
      PasswordHasher hasher, AuthServiceConfig config, EventBus bus,
      PrincipalResolver principals, AccountEmails emails, AuthDataAdapters adapters,
      SmsSender smsSender, Consumer<ObjectChange> liveChanges, CloudCode cloud) {
    // note: the gateway's own timeout bounds the whole request; this one only a lost reply
    this.triggers = new AuthTriggers(cloud, new CloudCaller(
        new io.parsevertx.common.bus.DataServiceClient(bus, TRIGGER_TIMEOUT_MILLIS)::getUntriggered));
    this.liveChanges = liveChanges;
    this.adapters = adapters;
    this.storage = storage;
    this.schemas = schemas;
    this.sessions = sessions;
    this.hasher = hasher;
    this.config = config;
    this.bus = bus;
    this.principals = principals;
    this.emails = emails;
    this.factors = new LoginFactors(storage, this::schema, this::loadUser, config, adapters,
        smsSender);
    this.authDataLogin = new AuthDataLogin(storage, this::schema, sessions, adapters,
        factors::furtherFactors, change -> {
          if (config.liveQueryUsers()) {
            liveChanges.accept(change);
          }
        }, triggers, user -> schemas.enforce(ClassNames.USER, UserFields.types(user)));
  }

  /** @return {@code {"objectId","createdAt","sessionToken"}}; fails with 200-203, 105, 125 */
  public Future<JsonObject> signUp(ServiceRequest request) {
    JsonObject body = request.body().copy();
    if (AuthDataLogin.handles(body)) {
      String newId = ObjectIds.newId();
      return allowedBy(request, "create")
          .compose(v -> authDataLogin.signUpOrLogIn(request, defaultAcl(newId)));
    }
    checkSignUp(body);
    // note: the app's beforeSave sees the sign-up as sent (password too, as on Parse Server)
    // and may change it; what it leaves is checked again
    return allowedBy(request, "create")
        .compose(v -> triggers.beforeSave(request, null, body))
        .compose(changed -> createUser(request, checkSignUp(changed)));
  }

  private JsonObject checkSignUp(JsonObject body) {
    String username = nonEmpty(body.getValue(UserFields.USERNAME));
    String password = nonEmpty(body.getValue(UserFields.PASSWORD));
    if (username == null) {
      throw new ParseException(ParseErrorCode.USERNAME_MISSING, "bad or missing username");
    }
    if (password == null) {
      throw new ParseException(ParseErrorCode.PASSWORD_MISSING, "password is required");
    }
    if (body.containsKey(ParseFields.OBJECT_ID)) {
      throw new ParseException(ParseErrorCode.INVALID_KEY_NAME,
          "objectId is an invalid field name.");
    }
    UserFields.refuseReserved(body);
    UserFields.checkEmail(body.getValue(UserFields.EMAIL));
    config.passwordPolicy().check(password, username);
    return body;
  }

  private Future<JsonObject> createUser(ServiceRequest request, JsonObject body) {
    String username = body.getString(UserFields.USERNAME);
    String password = body.getString(UserFields.PASSWORD);
    var types = UserFields.types(body);
    String userId = ObjectIds.newId();
    String now = ParseDates.format(Instant.now());
    return schemas.enforce(ClassNames.USER, types)
        .compose(schema -> requireUnique(schema, username, body.getString(UserFields.EMAIL),
            null).map(schema))
        .compose(schema -> hasher.hash(password).compose(hash -> {
          JsonObject user = body.copy();
          user.remove(UserFields.PASSWORD);
          user.put(ParseFields.OBJECT_ID, userId).put(ParseFields.CREATED_AT, now)
              .put(ParseFields.UPDATED_AT, now).put(UserFields.HASHED_PASSWORD, hash);
          if (!user.containsKey(ParseFields.ACL)) {
            user.put(ParseFields.ACL, defaultAcl(userId));
          }
          emails.prepareSignUp(user);
          return storage.createObject(schema, user).onSuccess(v -> {
            emails.afterSignUp(user);
            liveChanges.accept(new ObjectChange(ClassNames.USER, ObjectChange.CREATE, user,
                null));
            triggers.afterSave(request, null, UserFields.forOwner(user,
                adapters.views()));
          });
        }))
        .compose(v -> sessions.create(userId, "signup", "password", request.auth()
            .installationId()))
        .map(session -> new JsonObject().put(ParseFields.OBJECT_ID, userId)
            .put(ParseFields.CREATED_AT, now)
            .put(SessionService.SESSION_TOKEN, session.getString(SessionService.SESSION_TOKEN)));
  }

  /** The app's triggers around auth operations, shared with the password reset. */
  public AuthTriggers triggers() {
    return triggers;
  }

  /**
   * Logs in with username (or email) and password from the body or the query string.
   *
   * @return the user with a new {@code sessionToken}; fails with 200, 201 or 101 (the same
   *     101, after the same bcrypt work, whether the user exists or not)
   */
  public Future<JsonObject> logIn(ServiceRequest request) {
    return checkCredentials(request).compose(user -> factors.furtherFactors(user, request,
        "password"))
        .compose(this::clearFailedLogins)
        .compose(user -> triggers.before("beforeLogin", UserFields.forOwner(user,
            adapters.views()), request.auth()).map(user))
        .compose(user -> sessions.create(
            user.getString(ParseFields.OBJECT_ID), "login", "password",
            request.auth().installationId())
        .map(session -> UserFields.forOwner(user, adapters.views()).put(SessionService.SESSION_TOKEN,
            session.getString(SessionService.SESSION_TOKEN))))
        .onSuccess(loggedIn -> triggers.after("afterLogin", ClassNames.USER, loggedIn,
            request.auth()));
  }

  /**
   * {@code POST /challenge}: the step some providers need before a log-in. The user is named by
   * username and password or by the session (needed for {@code mfa}, which texts an SMS code);
   * every other provider answers through its adapter's {@code challenge}.
   *
   * @return {@code {"challengeData": {"<provider>": <answer>}}}, e.g.
   *     {@code {"mfa": {"sent": true}}}
   */
  public Future<JsonObject> challenge(ServiceRequest request) {
    JsonObject body = request.body();
    if (!(body.getValue("challengeData") instanceof JsonObject challengeData)
        || challengeData.isEmpty()) {
      throw new ParseException(ParseErrorCode.INVALID_JSON, "Nothing to challenge.");
    }
    challengeData.fieldNames().stream().filter(p -> !TotpMfa.PROVIDER.equals(p))
        .forEach(adapters::get); // note: 252 for an unknown provider before any other work
    Future<JsonObject> user;
    if (body.containsKey(UserFields.USERNAME) || body.containsKey(UserFields.EMAIL)) {
      user = checkCredentials(request);
    } else if (request.auth().sessionToken() != null) {
      user = sessions.find(request.auth().sessionToken())
          .compose(session -> loadUser(SessionService.userIdOf(session)));
    } else if (challengeData.containsKey(TotpMfa.PROVIDER)) {
      throw new ParseException(ParseErrorCode.OBJECT_NOT_FOUND,
          "A challenge needs username and password or a session.");
    } else {
      user = Future.succeededFuture(null);
    }
    JsonObject authData = body.getValue(UserFields.AUTH_DATA) instanceof JsonObject json ? json
        : new JsonObject();
    JsonObject answers = new JsonObject();
    return user.compose(found -> Future.all(challengeData.fieldNames().stream()
        .map(provider -> factors.answer(provider, challengeData.getValue(provider),
            authData.getValue(provider), found).map(result -> answers.put(provider, result)))
        .toList()))
        .map(v -> new JsonObject().put("challengeData", answers));
  }

  /** @return the user whose credentials these are, without a session; fails like log-in */
  public Future<JsonObject> verifyPassword(ServiceRequest request) {
    return checkCredentials(request).compose(this::clearFailedLogins)
        .map(user -> UserFields.forOwner(user, adapters.views()));
  }

  /** After every factor passed: the failed-attempt count starts again. */
  private Future<JsonObject> clearFailedLogins(JsonObject user) {
    AccountLockout lockout = config.accountLockout();
    return lockout == null ? Future.succeededFuture(user)
        : schema().compose(schema -> lockout.succeeded(storage, schema, user)).map(user);
  }

  private Future<JsonObject> checkCredentials(ServiceRequest request) {
    JsonObject given = request.params().copy().mergeIn(request.body());
    String username = nonEmpty(given.getValue(UserFields.USERNAME));
    String email = nonEmpty(given.getValue(UserFields.EMAIL));
    String password = nonEmpty(given.getValue(UserFields.PASSWORD));
    if (username == null && email == null) {
      throw new ParseException(ParseErrorCode.USERNAME_MISSING, "username/email is required.");
    }
    if (password == null) {
      throw new ParseException(ParseErrorCode.PASSWORD_MISSING, "password is required.");
    }
    QueryNode byLogin = username != null
        ? new QueryNode.Constraint(UserFields.USERNAME, QueryOp.EQ, username)
        : new QueryNode.Constraint(UserFields.EMAIL, QueryOp.EQ, email);
    AccountLockout lockout = config.accountLockout();
    return schema().compose(schema -> storage.find(schema, byLogin, ONE).compose(found -> {
      JsonObject user = found.isEmpty() ? null : found.get(0);
      if (lockout != null) {
        lockout.requireUnlocked(user);
      }
      String hash = user == null ? null : user.getString(UserFields.HASHED_PASSWORD);
      return hasher.verify(password, hash).compose(ok -> {
        if (!ok) {
          ParseException invalid = new ParseException(ParseErrorCode.OBJECT_NOT_FOUND,
              "Invalid username/password.");
          return user == null || lockout == null ? Future.failedFuture(invalid)
              : lockout.failed(storage, schema, user.getString(ParseFields.OBJECT_ID))
                  .transform(v -> Future.failedFuture(invalid));
        }
        config.passwordPolicy().requireNotExpired(user);
        emails.requireVerifiedIfNeeded(user);
        return Future.succeededFuture(user);
      });
    }));
  }

  /** @return the caller's user with its {@code sessionToken}; fails with 209 */
  public Future<JsonObject> me(ServiceRequest request) {
    String token = request.auth().sessionToken();
    return sessions.find(token).compose(session -> loadUser(SessionService.userIdOf(session))
        .map(user -> {
          if (user == null) {
            throw SessionService.invalidToken();
          }
          return UserFields.forOwner(user, adapters.views())
              .put(SessionService.SESSION_TOKEN, token);
        }));
  }

  /** @return {@code {}}; ends the caller's session when there is one */
  public Future<JsonObject> logOut(ServiceRequest request) {
    String token = request.auth().sessionToken();
    if (token == null) {
      return Future.succeededFuture(new JsonObject());
    }
    return sessions.find(token).compose(session -> sessions.delete(session)
            .onSuccess(v -> triggers.after("afterLogout", ClassNames.SESSION, session,
                request.auth())))
        .recover(e -> isInvalidToken(e) ? Future.succeededFuture() : Future.failedFuture(e))
        .map(v -> new JsonObject());
  }

  /** @return {@code {"updatedAt"}}; fails with 206 unless the caller is the user or master */
  public Future<JsonObject> update(ServiceRequest request) {
    String userId = requireSelfOrMaster(request.auth(), request.objectId(), "modify");
    JsonObject body = request.body().copy();
    ParseFields.SERVER_FIELDS.forEach(body::remove);
    String password = body.containsKey(UserFields.PASSWORD)
        ? nonEmpty(body.getValue(UserFields.PASSWORD)) : null;
    if (body.containsKey(UserFields.PASSWORD) && password == null) {
      throw new ParseException(ParseErrorCode.PASSWORD_MISSING, "password cannot be empty");
    }
    body.remove(UserFields.PASSWORD);
    Object linking = body.remove(UserFields.AUTH_DATA);
    if (linking != null && !(linking instanceof JsonObject)) {
      throw new ParseException(ParseErrorCode.INVALID_JSON, "authData must be an object");
    }
    UserFields.refuseReserved(body);
    if (body.containsKey(UserFields.USERNAME) && nonEmpty(body.getValue(UserFields.USERNAME))
        == null) {
      throw new ParseException(ParseErrorCode.USERNAME_MISSING, "bad or missing username");
    }
    UserFields.checkEmail(body.getValue(UserFields.EMAIL));
    JsonObject authChanges = linking == null ? new JsonObject() : (JsonObject) linking;
    JsonObject reply = new JsonObject();
    JsonObject linkResponses = new JsonObject();
    if (password != null) {
      // note: an anonymous user that sets a password becomes a regular one, as in Parse Server
      authChanges.putNull("anonymous");
    }
    String now = ParseDates.format(Instant.now());
    JsonObject[] previous = new JsonObject[1];
    return allowedBy(request, "update")
        .compose(v -> triggerView(userId))
        .compose(stored -> {
          previous[0] = stored;
          return triggers.beforeSave(request, stored, password == null ? body
              : body.copy().put(UserFields.PASSWORD, password));
        })
        .compose(changed -> {
          if (changed == body) {
            return schemas.enforce(ClassNames.USER, UserFields.types(body));
          }
          // note: the handler changes the fields; a new password goes on as the client sent it
          changed.remove(UserFields.PASSWORD);
          changed.remove(UserFields.AUTH_DATA);
          ParseFields.SERVER_FIELDS.forEach(changed::remove);
          UserFields.refuseReserved(changed);
          body.clear().mergeIn(changed);
          return schemas.enforce(ClassNames.USER, UserFields.types(body));
        })
        .compose(schema -> factors.mfaChange(schema, userId, authChanges, request.auth().master(),
            reply))
        .compose(schema -> authChanges.isEmpty() && !reply.containsKey("save")
            ? Future.succeededFuture(schema)
            : authDataLogin.linkChanges(schema, userId, authChanges, linkResponses)
                .map(changes -> {
                  body.put(UserFields.AUTH_DATA, changes.mergeIn(reply.getJsonObject("save",
                      new JsonObject())));
                  reply.remove("save");
                  if (!linkResponses.isEmpty()) {
                    reply.put("authDataResponse", reply.getJsonObject("authDataResponse",
                        new JsonObject()).mergeIn(linkResponses));
                  }
                  return schema;
                }))
        .compose(schema -> requireUnique(schema, body.getString(UserFields.USERNAME),
            body.getString(UserFields.EMAIL), userId).map(schema))
        .compose(schema -> (password == null ? Future.succeededFuture((String) null)
            : newPasswordHash(schema, userId, password, body)).compose(hash -> {
              if (hash != null) {
                body.put(UserFields.HASHED_PASSWORD, hash)
                    .put(PasswordPolicy.CHANGED_AT, ParseDates.toJson(Instant.now()));
              }
              return liveOriginal(userId).compose(original -> storage.updateObject(schema,
                  byId(userId), body.put(ParseFields.UPDATED_AT, now)).onSuccess(updated -> {
                    if (updated != null && config.liveQueryUsers()) {
                      liveChanges.accept(new ObjectChange(ClassNames.USER, ObjectChange.UPDATE,
                          updated, original));
                    }
                    if (updated != null && previous[0] != null) {
                      triggers.afterSave(request, previous[0], UserFields.forOwner(
                          updated, adapters.views()));
                    }
                  }));
            }))
        .compose(updated -> {
          if (updated == null) {
            return Future.failedFuture(notFound());
          }
          // note: a new password ends every other session of the user, as in Parse Server
          return password == null ? Future.succeededFuture()
              : sessions.deleteAllOf(userId, request.auth().sessionToken());
        })
        .map(v -> reply.put(ParseFields.UPDATED_AT, now));
  }

  /** @return {@code {}}; the user's sessions end too; fails with 206 or 101 */
  public Future<JsonObject> delete(ServiceRequest request) {
    String userId = requireSelfOrMaster(request.auth(), request.objectId(), "delete");
    JsonObject[] original = new JsonObject[1];
    JsonObject[] removed = new JsonObject[1];
    return allowedBy(request, "delete").compose(v -> liveOriginal(userId))
        .compose(found -> {
          original[0] = found;
          return triggers.has(AuthTriggers.BEFORE_DELETE) || triggers.has(
              AuthTriggers.AFTER_DELETE) ? triggerView(userId) : Future.succeededFuture(null);
        })
        .compose(view -> {
          removed[0] = view;
          return view == null ? Future.succeededFuture()
              : triggers.beforeDelete(request, view);
        })
        .compose(v -> schema())
        .compose(schema -> storage.deleteObject(schema, byId(userId)))
        .compose(deleted -> deleted ? sessions.deleteAllOf(userId, null)
            .onSuccess(x -> {
              if (original[0] != null) {
                liveChanges.accept(new ObjectChange(ClassNames.USER, ObjectChange.DELETE,
                    original[0], null));
              }
            })
            : Future.failedFuture(notFound()))
        .map(v -> {
          bus.publish(EventBusAddresses.SESSIONS_INVALIDATED,
              new JsonObject().put("userId", userId));
          if (removed[0] != null) {
            triggers.afterDelete(request, removed[0]);
          }
          return new JsonObject();
        });
  }

  /**
   * Hashes a new password after the password policy: its rules, and none of the last
   * {@code maxPasswordHistory} passwords again (the history moves into {@code body}).
   */
  private Future<String> newPasswordHash(ClassSchema schema, String userId, String password,
      JsonObject body) {
    PasswordPolicy policy = config.passwordPolicy();
    return storage.find(schema, byId(userId), ONE).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(notFound());
      }
      JsonObject user = found.get(0);
      policy.check(password, body.getString(UserFields.USERNAME,
          user.getString(UserFields.USERNAME)));
      List<Future<Boolean>> reused = policy.previousHashes(user).stream()
          .map(previous -> hasher.verify(password, previous)).toList();
      return Future.all(reused).compose(v -> {
        if (reused.stream().anyMatch(Future::result)) {
          return Future.failedFuture(policy.repeatedPassword());
        }
        if (policy.maxHistory() > 0) {
          body.put(PasswordPolicy.HISTORY, policy.historyAfterChange(user));
        }
        return hasher.hash(password);
      });
    });
  }

  /**
   * The class-level permission of {@code operation} on {@code _User} (sign-up is a create):
   * users change only themselves, but the public CLP can still forbid it.
   */
  private Future<Void> allowedBy(ServiceRequest request, String operation) {
    return principals.resolve(request.auth()).compose(policy -> schemas.find(ClassNames.USER)
        .map(schema -> {
          if (schema != null) {
            ClassPermissions.check(schema, operation, policy, QueryNode.matchAll());
          }
          return null;
        }));
  }

  private Future<Void> requireUnique(ClassSchema schema, String username, String email,
      String exceptId) {
    Future<Void> checks = Future.succeededFuture();
    if (username != null) {
      checks = checks.compose(v -> taken(schema, UserFields.USERNAME, username, exceptId,
          ParseErrorCode.USERNAME_TAKEN, "Account already exists for this username."));
    }
    if (email != null) {
      checks = checks.compose(v -> taken(schema, UserFields.EMAIL, email, exceptId,
          ParseErrorCode.EMAIL_TAKEN, "Account already exists for this email address."));
    }
    return checks;
  }

  private Future<Void> taken(ClassSchema schema, String field, String value, String exceptId,
      ParseErrorCode code, String message) {
    JsonObject where = new JsonObject().put(field, UserFields.caseInsensitive(value));
    if (exceptId != null) {
      where.put(ParseFields.OBJECT_ID, new JsonObject().put("$ne", exceptId));
    }
    return storage.count(schema, WhereParser.parse(where)).compose(count -> count > 0
        ? Future.failedFuture(new ParseException(code, message)) : Future.succeededFuture());
  }

  /** The user as stored before a change, when LiveQuery needs it (else nothing is read). */
  private Future<JsonObject> liveOriginal(String userId) {
    return config.liveQueryUsers() ? loadUser(userId) : Future.succeededFuture(null);
  }

  /**
   * The user as the app's save triggers see it (as its owner would, no secret), read only when
   * the app has one; fails with 101 for a user that does not exist.
   */
  private Future<JsonObject> triggerView(String userId) {
    if (!triggers.has(AuthTriggers.BEFORE_SAVE) && !triggers.has(AuthTriggers.AFTER_SAVE)
        && !triggers.has(AuthTriggers.BEFORE_DELETE) && !triggers.has(AuthTriggers.AFTER_DELETE)) {
      return Future.succeededFuture(null);
    }
    return loadUser(userId).compose(user -> user == null ? Future.failedFuture(notFound())
        : Future.succeededFuture(UserFields.forOwner(user, adapters.views())));
  }

  private Future<JsonObject> loadUser(String userId) {
    return schema().compose(schema -> storage.find(schema, byId(userId), ONE))
        .map(found -> found.isEmpty() ? null : found.get(0));
  }

  /**
   * {@code _User} with its standard fields, before anyone signs up: as on Parse Server, which
   * creates it at start, so the Dashboard and {@code /schemas} show it on a fresh database.
   */
  public Future<Void> ensureClass() {
    return schema().mapEmpty();
  }

  private Future<ClassSchema> schema() {
    return schemas.enforce(ClassNames.USER, UserFields.types(new JsonObject()));
  }

  private JsonObject defaultAcl(String userId) {
    JsonObject acl = new JsonObject().put(userId, new JsonObject().put("read", true)
        .put("write", true));
    return config.enforcePrivateUsers() ? acl
        : acl.put("*", new JsonObject().put("read", true));
  }

  private static String requireSelfOrMaster(AuthContext auth, String userId, String verb) {
    if (userId == null) {
      throw new ParseException(ParseErrorCode.MISSING_OBJECT_ID, "objectId is required.");
    }
    if (!auth.master() && !userId.equals(auth.userId())) {
      throw ParseException.of(ParseErrorCode.SESSION_MISSING, "Cannot %s user %s.", verb,
          userId);
    }
    return userId;
  }

  static QueryNode byId(String userId) {
    return new QueryNode.Constraint(ParseFields.OBJECT_ID, QueryOp.EQ, userId);
  }

  private static String nonEmpty(Object value) {
    return value instanceof String s && !s.isEmpty() ? s : null;
  }

  private static boolean isInvalidToken(Throwable e) {
    return e instanceof ParseException pe && pe.code() == ParseErrorCode.INVALID_SESSION_TOKEN;
  }

  private static ParseException notFound() {
    return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, "Object not found.");
  }
}
