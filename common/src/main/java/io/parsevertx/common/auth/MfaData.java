package io.parsevertx.common.auth;

import io.vertx.core.json.JsonObject;

/**
 * The stored shape of {@code authData.mfa} that more than one service reads: auth-service
 * writes it, and every reply (auth-service's own, data-service's queries and includes) shows
 * only its status.
 */
public final class MfaData {
  public static final String PROVIDER = "mfa";
  /** The TOTP secret (sealed). */
  public static final String SECRET = "secret";
  /** The confirmed number of the SMS factor. */
  public static final String MOBILE = "mobile";

  private MfaData() {}

  /** Whether stored MFA data is a working factor; a set-up awaiting its code is not. */
  public static boolean isSetUp(Object stored) {
    return stored instanceof JsonObject mfa
        && (mfa.containsKey(SECRET) || mfa.containsKey(MOBILE));
  }

  /** All that anyone, the master key included, sees of stored MFA data. */
  public static JsonObject visible(Object stored) {
    return new JsonObject().put("status", isSetUp(stored) ? "enabled" : "disabled");
  }
}
