package io.parsevertx.auth.email;

import io.parsevertx.auth.AuthServiceConfig.EmailOptions;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E-mail verification and its tokens, stored as Parse Server stores them
 * ({@code _email_verify_token}, {@code _email_verify_token_expires_at}, {@code emailVerified}).
 * Tokens come from a CSPRNG and work once. Asking for a mail never reveals whether an address
 * has an account.
 */
public final class AccountEmails {
  private static final Logger LOG = LoggerFactory.getLogger(AccountEmails.class);
  static final String EMAIL = "email";
  static final String USERNAME = "username";
  static final String VERIFIED = "emailVerified";
  private static final String TOKEN = "_email_verify_token";
  private static final String TOKEN_EXPIRES = "_email_verify_token_expires_at";
  static final int TOKEN_LENGTH = 32;
  private static final FindOptions ONE = new FindOptions(List.of(), 1, 0, null, false);

  private final StorageAdapter storage;
  private final Supplier<Future<ClassSchema>> userSchema;
  private final EmailOptions options;
  private final EmailAdapter mailer;

  public AccountEmails(StorageAdapter storage, Supplier<Future<ClassSchema>> userSchema,
      EmailOptions options, EmailAdapter mailer) {
    this.storage = storage;
    this.userSchema = userSchema;
    this.options = options;
    this.mailer = mailer;
  }

  /** Marks a new user unverified and gives it a token, when verification is on. */
  public void prepareSignUp(JsonObject user) {
    if (options.verifyUserEmails() && user.getValue(EMAIL) instanceof String) {
      user.put(VERIFIED, false);
      user.mergeIn(newToken());
    }
  }

  /** Mails the verification link of a new user; a failed mail is logged, not the sign-up. */
  public void afterSignUp(JsonObject user) {
    if (options.verifyUserEmails() && user.getValue(TOKEN) instanceof String token) {
      sendVerification(user, token).onFailure(e -> LOG.warn(
          "event=verification_mail_failed userId={} reason={}",
          user.getString(ParseFields.OBJECT_ID), e.getMessage()));
    }
  }

  /** @throws ParseException 205 when login needs a verified email and this one is not */
  public void requireVerifiedIfNeeded(JsonObject user) {
    if (options.verifyUserEmails() && options.preventLoginWithUnverifiedEmail()
        && !Boolean.TRUE.equals(user.getValue(VERIFIED))) {
      throw new ParseException(ParseErrorCode.EMAIL_NOT_FOUND, "User email is not verified.");
    }
  }

  /** {@code GET /apps/:appId/verify_email?token&username}: @return {"username"}; 101 if bad */
  public Future<JsonObject> verify(ServiceRequest request) {
    String token = request.params().getString("token");
    String username = request.params().getString(USERNAME);
    if (token == null || username == null) {
      throw invalidLink();
    }
    return userSchema.get().compose(schema -> storage.find(schema, new QueryNode.And(List.of(
            new QueryNode.Constraint(USERNAME, QueryOp.EQ, username),
            new QueryNode.Constraint(TOKEN, QueryOp.EQ, token))), ONE)
        .compose(found -> {
          if (found.isEmpty() || expired(found.get(0).getValue(TOKEN_EXPIRES))) {
            return Future.failedFuture(invalidLink());
          }
          return storage.updateObject(schema, byId(found.get(0)), new JsonObject()
              .put(VERIFIED, true).put(TOKEN, delete()).put(TOKEN_EXPIRES, delete())
              .put(ParseFields.UPDATED_AT, ParseDates.format(Instant.now())));
        }))
        .map(v -> new JsonObject().put(USERNAME, username));
  }

  /** {@code POST /verificationEmailRequest}: @return {}; 204 without an email */
  public Future<JsonObject> resend(ServiceRequest request) {
    String email = requireEmail(request.body());
    if (!options.verifyUserEmails() || mailer == null) {
      return Future.succeededFuture(new JsonObject());
    }
    return userSchema.get().compose(schema -> storage.find(schema,
            new QueryNode.Constraint(EMAIL, QueryOp.EQ, email), ONE)
        .compose(found -> {
          if (found.isEmpty() || Boolean.TRUE.equals(found.get(0).getValue(VERIFIED))) {
            return Future.succeededFuture(); // note: the same answer for unknown addresses
          }
          JsonObject token = newToken();
          return storage.updateObject(schema, byId(found.get(0)), token.copy())
              .compose(user -> sendVerification(found.get(0), token.getString(TOKEN)));
        }))
        .map(v -> new JsonObject());
  }

  Future<Void> sendVerification(JsonObject user, String token) {
    String link = options.publicServerURL() + "/apps/" + options.appId() + "/verify_email?token="
        + encode(token) + "&username=" + encode(user.getString(USERNAME));
    return mailer.send(new EmailAdapter.Message(user.getString(EMAIL),
        "Please verify your e-mail for " + options.appName(),
        "Hi,\n\nYou are being asked to confirm the e-mail address " + user.getString(EMAIL)
            + " with " + options.appName() + "\n\nClick here to confirm it:\n" + link + "\n"));
  }

  static String requireEmail(JsonObject body) {
    Object email = body.getValue(EMAIL);
    if (!(email instanceof String s) || s.isEmpty()) {
      throw new ParseException(ParseErrorCode.EMAIL_MISSING, "you must provide an email");
    }
    return s;
  }

  private JsonObject newToken() {
    JsonObject token = new JsonObject().put(TOKEN, ObjectIds.newId(TOKEN_LENGTH));
    if (options.verifyTokenValiditySeconds() != null) {
      token.put(TOKEN_EXPIRES, ParseDates.toJson(Instant.now().plusSeconds(
          options.verifyTokenValiditySeconds())));
    }
    return token;
  }

  static boolean expired(Object expiresAt) {
    return expiresAt instanceof JsonObject date
        && ParseDates.parse(date.getString(ParseFields.ISO)).isBefore(Instant.now());
  }

  static QueryNode byId(JsonObject user) {
    return new QueryNode.Constraint(ParseFields.OBJECT_ID, QueryOp.EQ,
        user.getString(ParseFields.OBJECT_ID));
  }

  static JsonObject delete() {
    return new JsonObject().put(ParseFields.OP, "Delete");
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static ParseException invalidLink() {
    return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, "Invalid or expired link.");
  }
}
