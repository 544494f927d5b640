package io.parsevertx.auth;

import io.parsevertx.auth.policy.AccountLockout;
import io.parsevertx.auth.policy.PasswordPolicy;
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
 */
public record AuthServiceConfig(String databaseURI, long sessionLength, int bcryptCost,
    boolean enforcePrivateUsers, AccountLockout accountLockout, PasswordPolicy passwordPolicy) {
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
        PasswordPolicy.fromJson(options.getJsonObject(ParseServerOptions.PASSWORD_POLICY)));
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
  }
}
