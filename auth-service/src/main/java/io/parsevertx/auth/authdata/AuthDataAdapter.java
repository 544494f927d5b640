package io.parsevertx.auth.authdata;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A third-party identity behind {@code authData.<provider>}: it proves that the caller is the
 * provider's user {@code authData.id}. Built in: {@code anonymous}, {@code google},
 * {@code apple}; others plug in as {@code auth: {"<provider>": {"module": "<class name>",
 * ...options}}} naming a class with a public no-argument constructor. A provider that needs a
 * step before the log-in (a nonce to sign, a code to send) answers {@code POST /challenge}.
 */
public interface AuthDataAdapter {

  /**
   * How a provider takes part in a log-in: {@code DEFAULT} logs in alone and further factors
   * (MFA, additional providers) the user set up are still asked for; {@code SOLO} logs in alone
   * and is enough by itself; {@code ADDITIONAL} never logs in alone and, once linked, is asked
   * for at every log-in that is not {@code SOLO}.
   */
  enum Policy { DEFAULT, SOLO, ADDITIONAL }

  /** The provider's policy, unless the {@code auth} option sets {@code "policy"}. */
  default Policy policy() {
    return Policy.DEFAULT;
  }

  /** Whether {@code authData.id} must be given (the webhook learns the id from the app). */
  default boolean needsId() {
    return true;
  }

  /** Called once with the provider's options before the adapter is used. */
  default void init(Vertx vertx, JsonObject options) {
  }

  /**
   * What a successful check established.
   *
   * @param id the provider's id of the user, which finds or creates the account
   * @param save what is stored as {@code authData.<provider>} (no secrets)
   * @param response returned to the client as {@code authDataResponse.<provider>}, or null
   * @param serverData kept with the session for the server alone, or null
   */
  record Verified(String id, JsonObject save, JsonObject response, JsonObject serverData) {}

  /**
   * Checks a log-in; by default {@link #validateAuthData} over {@code authData.id}, keeping
   * everything but the provider's tokens.
   *
   * @param ip the caller's address; {@code installationId} may be null
   */
  default Future<Verified> verify(JsonObject authData, String ip, String installationId) {
    return validateAuthData(authData).map(v -> {
      JsonObject save = authData.copy();
      for (String secret : new String[] {"id_token", "token", "access_token", "code"}) {
        save.remove(secret);
      }
      return new Verified(authData.getString("id"), save, null, null);
    });
  }

  /**
   * Answers {@code POST /challenge} for this provider.
   *
   * @param challengeData what the client sent as {@code challengeData.<provider>}
   * @param authData the client's {@code authData.<provider>}, or null
   * @param user the user named by username and password or by the session (as that user sees
   *     itself), or null when the caller named none
   * @return what goes back as {@code challengeData.<provider>}; by default 252, as a provider
   *     without a challenge
   */
  default Future<JsonObject> challenge(JsonObject challengeData, JsonObject authData,
      JsonObject user) {
    return Future.failedFuture(new ParseException(ParseErrorCode.UNSUPPORTED_SERVICE,
        "This authentication method does not take a challenge."));
  }

  /**
   * Checks the credentials in {@code authData}.
   *
   * @return succeeds when they prove {@code authData.id}; fails with a
   *     {@link io.parsevertx.common.error.ParseException} (101 for credentials that do not hold)
   */
  Future<Void> validateAuthData(JsonObject authData);
}
