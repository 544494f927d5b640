package io.parsevertx.auth;

import io.parsevertx.auth.mfa.SmsMfa;
import io.parsevertx.auth.mfa.TotpMfa;
import io.parsevertx.auth.policy.AccountLockout;
import io.parsevertx.auth.policy.PasswordPolicy;
import io.parsevertx.auth.webauthn.WebAuthnAdapter;
import io.parsevertx.common.options.OptionsException;
import io.parsevertx.common.options.ParseServerOptions;
import io.vertx.core.json.JsonObject;

/**
 * What auth-service needs from the server options.
 *
 * @param sessionLength seconds a new session lives
 * @param bcryptCost the cost of new password hashes
 * @param enforcePrivateUsers new users are readable only by themselves
 * @param accountLockout the lockout policy, or null for none
 * @param passwordPolicy the password rules (possibly none)
 * @param email the verification and password-reset mail settings
 * @param enableAnonymousUsers whether {@code authData.anonymous} signs users up and in
 * @param expireInactiveSessions whether sessions end after {@code sessionLength}
 * @param auth the authData providers and their options ({@code auth} option)
 * @param mfa the second factor, or null when {@code auth.mfa} is not enabled
 * @param sms codes by text message, or null unless {@code auth.mfa.options} lists SMS
 * @param serverSecret key material for what the server signs for itself (WebAuthn challenges):
 *     the master key
 * @param databaseOptions the {@code databaseOptions} option, or null
 * @param liveQueryUsers whether {@code _User} is a LiveQuery class ({@code liveQuery.classNames})
 * @param liveQueryRedisURL where LiveQuery changes are published ({@code liveQuery.redisURL}),
 *     or null for the event bus
 */
public record AuthServiceConfig(String databaseURI, long sessionLength, int bcryptCost,
    boolean enforcePrivateUsers, AccountLockout accountLockout, PasswordPolicy passwordPolicy,
    EmailOptions email, boolean enableAnonymousUsers, boolean expireInactiveSessions,
    JsonObject auth, TotpMfa mfa, SmsMfa sms, String serverSecret, JsonObject databaseOptions,
    boolean liveQueryUsers, String liveQueryRedisURL) {

  /**
   * The account e-mail flows: links point into {@code publicServerURL}; mails go through
   * {@code adapter} ({@code {"module":"smtp","options":{...}}}), null when none is configured.
   */
  public record EmailOptions(String appId, String appName, String publicServerURL,
      boolean verifyUserEmails, Long verifyTokenValiditySeconds,
      boolean preventLoginWithUnverifiedEmail, boolean revokeSessionOnPasswordReset,
      JsonObject adapter) {

    static EmailOptions fromJson(JsonObject options) {
      Object adapter = options.getValue(ParseServerOptions.EMAIL_ADAPTER);
      JsonObject adapterJson = adapter instanceof JsonObject json ? json
          : adapter instanceof String module ? new JsonObject().put("module", module) : null;
      Number validity = options.getNumber(ParseServerOptions.EMAIL_VERIFY_TOKEN_VALIDITY);
      EmailOptions email = new EmailOptions(options.getString(ParseServerOptions.APP_ID),
          options.getString(ParseServerOptions.APP_NAME, options.getString(
              ParseServerOptions.APP_ID)),
          options.getString(ParseServerOptions.PUBLIC_SERVER_URL,
              options.getString(ParseServerOptions.SERVER_URL)),
          options.getBoolean(ParseServerOptions.VERIFY_USER_EMAILS, false),
          validity == null ? null : validity.longValue(),
          options.getBoolean(ParseServerOptions.PREVENT_LOGIN_UNVERIFIED, false),
          options.getBoolean(ParseServerOptions.REVOKE_SESSION_ON_PASSWORD_RESET, true),
          adapterJson);
      if (adapterJson != null && !"smtp".equals(adapterJson.getString("module"))) {
        throw new OptionsException("Invalid option --emailAdapter: module must be smtp");
      }
      if (email.verifyUserEmails() && (adapterJson == null || email.publicServerURL() == null)) {
        throw new OptionsException("Invalid option --verifyUserEmails: needs --emailAdapter "
            + "and --publicServerURL");
      }
      return email;
    }
  }
  public static final long DEFAULT_SESSION_LENGTH = 31_536_000;
  public static final int DEFAULT_BCRYPT_COST = 10;

  public static AuthServiceConfig fromJson(JsonObject options) {
    String databaseUri = options.getString(ParseServerOptions.DATABASE_URI);
    if (databaseUri == null) {
      throw new OptionsException("Missing option --databaseURI for auth-service");
    }
    return new AuthServiceConfig(databaseUri,
        options.getNumber(ParseServerOptions.SESSION_LENGTH, DEFAULT_SESSION_LENGTH).longValue(),
        options.getNumber(ParseServerOptions.BCRYPT_COST, DEFAULT_BCRYPT_COST).intValue(),
        options.getBoolean(ParseServerOptions.ENFORCE_PRIVATE_USERS, true),
        AccountLockout.fromJson(options.getJsonObject(ParseServerOptions.ACCOUNT_LOCKOUT)),
        PasswordPolicy.fromJson(options.getJsonObject(ParseServerOptions.PASSWORD_POLICY)),
        EmailOptions.fromJson(options),
        options.getBoolean(ParseServerOptions.ENABLE_ANONYMOUS_USERS, true),
        options.getBoolean(ParseServerOptions.EXPIRE_INACTIVE_SESSIONS, true),
        options.getJsonObject(ParseServerOptions.AUTH, new JsonObject()),
        TotpMfa.fromOptions(options.getJsonObject(ParseServerOptions.AUTH),
        options.getString(ParseServerOptions.MASTER_KEY)),
        SmsMfa.fromOptions(options.getJsonObject(ParseServerOptions.AUTH)),
        options.getString(ParseServerOptions.MASTER_KEY),
        options.getJsonObject(ParseServerOptions.DATABASE_OPTIONS),
        options.getJsonObject(ParseServerOptions.LIVE_QUERY, new JsonObject())
            .getJsonArray("classNames", new io.vertx.core.json.JsonArray()).contains("_User"),
        options.getJsonObject(ParseServerOptions.LIVE_QUERY, new JsonObject())
            .getString("redisURL"));
  }

  /**
   * Checks auth-service's own options before anything starts, so a wrong one ends the launcher
   * with a line naming it.
   *
   * @throws OptionsException naming the option
   */
  public static void validate(JsonObject options) {
    AccountLockout.fromJson(options.getJsonObject(ParseServerOptions.ACCOUNT_LOCKOUT));
    PasswordPolicy.fromJson(options.getJsonObject(ParseServerOptions.PASSWORD_POLICY));
    EmailOptions.fromJson(options);
    TotpMfa.fromOptions(options.getJsonObject(ParseServerOptions.AUTH),
        options.getString(ParseServerOptions.MASTER_KEY));
    SmsMfa.fromOptions(options.getJsonObject(ParseServerOptions.AUTH));
    JsonObject auth = options.getJsonObject(ParseServerOptions.AUTH);
    if (auth != null && auth.getValue("webauthn") instanceof JsonObject webauthn
        && !webauthn.containsKey("module")) {
      WebAuthnAdapter.checkOptions(webauthn);
    }
  }
}
