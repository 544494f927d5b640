package io.parsevertx.common.auth;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A third-party identity behind {@code authData.<provider>}: it proves that the caller is the
 * provider's user {@code authData.id}. Built in: {@code anonymous}, {@code google},
 * {@code apple}, {@code webauthn}; others plug in as {@code auth: {"<provider>": {"module":
 * "<class name>", ...options}}} naming a class with a public no-argument constructor. A provider
 * that needs a step before the log-in (a nonce to sign, a code to send) answers
 * {@code POST /challenge}. The interface lives in {@code common} because data-service shows
 * stored authData through {@link #afterFind} too.
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

  /**
   * Called once with the provider's options before the adapter is used (Parse's
   * {@code validateOptions}).
   *
   * @throws io.parsevertx.common.options.OptionsException naming a wrong option
   */
  default void init(Vertx vertx, JsonObject options) {
  }

  /**
   * For a provider whose log-in is checked against what the user stored (a passkey's public
   * key): the field of the stored data that holds the {@code authData.id} given at log-in,
   * which finds the user before {@link #validateLogin} runs. Null (the default) for providers
   * whose credentials prove an id by themselves ({@link #verify}).
   */
  default String loginKey() {
    return null;
  }

  /**
   * Checks a log-in against the data the user stored; only called when {@link #loginKey} is
   * set. {@code save} of the result replaces the stored data (a passkey's new counter).
   */
  default Future<Verified> validateLogin(JsonObject authData, JsonObject stored, String ip,
      String installationId) {
    return verify(authData, ip, installationId);
  }

  /**
   * Links the provider to a logged-in user ({@code PUT /users/:id} with
   * {@code authData.<provider>}) who has not linked it yet; by default the credentials must
   * prove {@code authData.id} as at log-in.
   *
   * @param userId the user being changed
   */
  default Future<Verified> validateSetUp(JsonObject authData, String userId) {
    if (!(authData.getValue("id") instanceof String id) || id.isEmpty()) {
      return Future.failedFuture(new ParseException(ParseErrorCode.LINKED_ID_MISSING,
          "authData.id is required"));
    }
    return validateAuthData(authData).map(v -> {
      JsonObject save = authData.copy();
      for (String secret : new String[] {"id_token", "token", "access_token", "code"}) {
        save.remove(secret);
      }
      return new Verified(id, save, null, null);
    });
  }

  /**
   * Changes what a user linked before (a second passkey); by default the same as
   * {@link #validateSetUp}, replacing the stored data.
   *
   * @param stored what the user has stored for this provider
   */
  default Future<Verified> validateUpdate(JsonObject authData, JsonObject stored,
      String userId) {
    return validateSetUp(authData, userId);
  }

  /**
   * What clients (the user itself and the master key) see of the stored data; by default all
   * of it, as tokens are never stored.
   */
  default JsonObject afterFind(JsonObject stored) {
    return stored;
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
