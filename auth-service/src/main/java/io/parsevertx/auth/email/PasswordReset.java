package io.parsevertx.auth.email;

import io.parsevertx.auth.AuthServiceConfig.EmailOptions;
import io.parsevertx.auth.password.PasswordHasher;
import io.parsevertx.auth.policy.AccountLockout;
import io.parsevertx.auth.policy.PasswordPolicy;
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
 * Password reset by e-mail: a single-use {@code _perishable_token} (with
 * {@code _perishable_token_expires_at} under {@code passwordPolicy.resetTokenValidityDuration}),
 * the link mailed to the user, the new password checked by the password policy, and then the
 * user's sessions ended ({@code revokeSessionOnPasswordReset}) and a lockout lifted
 * ({@code accountLockout.unlockOnPasswordReset}).
 */
public final class PasswordReset {
  private static final String TOKEN = "_perishable_token";
  private static final String TOKEN_EXPIRES = "_perishable_token_expires_at";
  private static final FindOptions ONE = new FindOptions(List.of(), 1, 0, null, false);

  private final StorageAdapter storage;
  private final Supplier<Future<ClassSchema>> userSchema;
  private final EmailOptions options;
  private final EmailAdapter mailer;
  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final AccountLockout lockout;
  private final SessionService sessions;
  private final io.parsevertx.auth.users.AuthTriggers triggers;

  public PasswordReset(StorageAdapter storage, Supplier<Future<ClassSchema>> userSchema,
      EmailOptions options, EmailAdapter mailer, PasswordHasher hasher, PasswordPolicy policy,
      AccountLockout lockout, SessionService sessions,
      io.parsevertx.auth.users.AuthTriggers triggers) {
    this.triggers = triggers;
    this.storage = storage;
    this.userSchema = userSchema;
    this.options = options;
    this.mailer = mailer;
    this.hasher = hasher;
    this.policy = policy;
    this.lockout = lockout;
    this.sessions = sessions;
  }

  /** {@code POST /requestPasswordReset}: @return {}; 204 without an email, 125 for a bad one */
  public Future<JsonObject> request(ServiceRequest request) {
    String email = AccountEmails.requireEmail(request.body());
    if (!email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
      throw new ParseException(ParseErrorCode.INVALID_EMAIL_ADDRESS,
          "Email address format is invalid.");
    }
    if (mailer == null || options.publicServerURL() == null) {
      throw new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR,
          "An emailAdapter and a publicServerURL are needed to reset passwords.");
    }
    return userSchema.get().compose(schema -> storage.find(schema,
            new QueryNode.Constraint(AccountEmails.EMAIL, QueryOp.EQ, email), ONE)
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.succeededFuture(); // note: unknown addresses look the same
          }
          JsonObject user = found.get(0);
          // note: the app's beforePasswordResetRequest may refuse; it sees no secrets
          JsonObject view = new JsonObject().put(ParseFields.OBJECT_ID,
                  user.getString(ParseFields.OBJECT_ID))
              .put(AccountEmails.USERNAME, user.getString(AccountEmails.USERNAME))
              .put(AccountEmails.EMAIL, user.getString(AccountEmails.EMAIL));
          return triggers.before("beforePasswordResetRequest", view, request.auth())
              .compose(v -> issueToken(schema, user));
        }))
        .map(v -> new JsonObject());
  }

  /** A new reset token (or the live one, when reuse is on), mailed to the user. */
  private Future<Void> issueToken(ClassSchema schema, JsonObject user) {
    if (policy.resetTokenReuseIfValid() && user.getValue(TOKEN) instanceof String live
        && !AccountEmails.expired(user.getValue(TOKEN_EXPIRES))) {
      return mail(user, live);
    }
    JsonObject token = new JsonObject().put(TOKEN, ObjectIds.newId(AccountEmails.TOKEN_LENGTH));
    if (policy.resetTokenValiditySeconds() != null) {
      token.put(TOKEN_EXPIRES, ParseDates.toJson(Instant.now().plusSeconds(
          policy.resetTokenValiditySeconds())));
    }
    return storage.updateObject(schema, AccountEmails.byId(user), token.copy())
        .compose(v -> mail(user, token.getString(TOKEN)));
  }

  /** @return {@code {"username"}} while {@code params.token} is live; 101 otherwise */
  public Future<JsonObject> check(ServiceRequest request) {
    return findByToken(request.params()).map(found -> new JsonObject()
        .put(AccountEmails.USERNAME, found.getString(AccountEmails.USERNAME)));
  }

  /**
   * Sets the new password ({@code new_password}) of the token's user.
   *
   * @return {@code {"username"}}; fails with 101 for a bad token, 142 for the policy
   */
  public Future<JsonObject> reset(ServiceRequest request) {
    JsonObject form = request.params().copy().mergeIn(request.body());
    Object password = form.getValue("new_password");
    if (!(password instanceof String newPassword) || newPassword.isEmpty()) {
      throw new ParseException(ParseErrorCode.PASSWORD_MISSING, "password is required");
    }
    return userSchema.get().compose(schema -> findByToken(form).compose(user -> {
      policy.check(newPassword, user.getString(AccountEmails.USERNAME));
      return hasher.hash(newPassword).compose(hash -> storage.updateObject(schema,
              new QueryNode.And(List.of(AccountEmails.byId(user), new QueryNode.Constraint(TOKEN,
                  QueryOp.EQ, form.getString("token")))), new JsonObject()
                  .put("_hashed_password", hash)
                  .put(PasswordPolicy.CHANGED_AT, ParseDates.toJson(Instant.now()))
                  .put(TOKEN, AccountEmails.delete()).put(TOKEN_EXPIRES, AccountEmails.delete())
                  .put(ParseFields.UPDATED_AT, ParseDates.format(Instant.now()))))
          .compose(updated -> {
            if (updated == null) {
              return Future.failedFuture(AccountEmails.invalidLink()); // used meanwhile
            }
            Future<Void> revoke = options.revokeSessionOnPasswordReset()
                ? sessions.deleteAllOf(user.getString(ParseFields.OBJECT_ID), null)
                : Future.succeededFuture();
            return revoke.compose(v -> lockout != null && lockout.unlockOnPasswordReset()
                ? lockout.succeeded(storage, schema, updated) : Future.succeededFuture());
          })
          .map(v -> new JsonObject().put(AccountEmails.USERNAME,
              user.getString(AccountEmails.USERNAME)));
    }));
  }

  private Future<JsonObject> findByToken(JsonObject params) {
    String token = params.getString("token");
    String username = params.getString(AccountEmails.USERNAME);
    if (token == null || username == null) {
      return Future.failedFuture(AccountEmails.invalidLink());
    }
    return userSchema.get().compose(schema -> storage.find(schema, new QueryNode.And(List.of(
        new QueryNode.Constraint(AccountEmails.USERNAME, QueryOp.EQ, username),
        new QueryNode.Constraint(TOKEN, QueryOp.EQ, token))), ONE))
        .compose(found -> found.isEmpty() || AccountEmails.expired(found.get(0)
            .getValue(TOKEN_EXPIRES)) ? Future.failedFuture(AccountEmails.invalidLink())
            : Future.succeededFuture(found.get(0)));
  }

  private Future<Void> mail(JsonObject user, String token) {
    String link = options.publicServerURL() + "/apps/" + options.appId()
        + "/request_password_reset?token=" + AccountEmails.encode(token) + "&username="
        + AccountEmails.encode(user.getString(AccountEmails.USERNAME));
    return mailer.send(new EmailAdapter.Message(user.getString(AccountEmails.EMAIL),
        "Password Reset for " + options.appName(),
        "Hi,\n\nYou requested to reset your password for " + options.appName()
            + "\n\nClick here to reset it:\n" + link + "\n"));
  }
}
