package io.parsevertx.common.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Typed client of auth-service over the event bus. Every call fails with a
 * {@link io.parsevertx.common.error.ParseException}: the service's own code, or
 * {@code SERVICE_UNAVAILABLE} (2) when no instance answers within the timeout.
 */
public final class AuthServiceClient {
  private final EventBus eventBus;
  private final long timeoutMillis;

  public AuthServiceClient(EventBus eventBus, long timeoutMillis) {
    this.eventBus = eventBus;
    this.timeoutMillis = timeoutMillis;
  }

  /** @return {@code {"objectId","createdAt","sessionToken"}}; fails with 200-203, 125 */
  public Future<JsonObject> signUp(ServiceRequest request) {
    return send(EventBusAddresses.USERS_SIGN_UP, request);
  }

  /** @return the user with its new {@code sessionToken}; fails with 101, 200, 201 */
  public Future<JsonObject> logIn(ServiceRequest request) {
    return send(EventBusAddresses.USERS_LOG_IN, request);
  }

  /** @return the user whose username (or email) and password these are; fails like logIn */
  public Future<JsonObject> challenge(ServiceRequest request) {
    return send(EventBusAddresses.USERS_CHALLENGE, request);
  }

  public Future<JsonObject> verifyPassword(ServiceRequest request) {
    return send(EventBusAddresses.USERS_VERIFY_PASSWORD, request);
  }

  /** @return {@code {"username"}} once the emailed token ({@code params.token}) verified it */
  public Future<JsonObject> verifyEmail(ServiceRequest request) {
    return send(EventBusAddresses.EMAIL_VERIFY, request);
  }

  /** @return {@code {}}; mails a new verification link; fails with 204 without an email */
  public Future<JsonObject> resendVerificationEmail(ServiceRequest request) {
    return send(EventBusAddresses.EMAIL_RESEND_VERIFICATION, request);
  }

  /** @return {@code {}}; mails a reset link (also for unknown emails, to not reveal them) */
  public Future<JsonObject> requestPasswordReset(ServiceRequest request) {
    return send(EventBusAddresses.PASSWORD_RESET_REQUEST, request);
  }

  /** @return {@code {"username"}} when {@code params.token} is a live reset token */
  public Future<JsonObject> checkPasswordResetToken(ServiceRequest request) {
    return send(EventBusAddresses.PASSWORD_RESET_CHECK, request);
  }

  /** @return {@code {"username"}} once the password is reset; fails with 142 for the policy */
  public Future<JsonObject> resetPassword(ServiceRequest request) {
    return send(EventBusAddresses.PASSWORD_RESET, request);
  }

  /** @return {@code {}}; the caller's session is gone */
  public Future<JsonObject> logOut(ServiceRequest request) {
    return send(EventBusAddresses.USERS_LOG_OUT, request);
  }

  /** @return the caller's user with its {@code sessionToken}; fails with 209 */
  public Future<JsonObject> me(ServiceRequest request) {
    return send(EventBusAddresses.USERS_ME, request);
  }

  /** @return {@code {"updatedAt"}}; fails with 206 unless the caller is that user or master */
  public Future<JsonObject> updateUser(ServiceRequest request) {
    return send(EventBusAddresses.USERS_UPDATE, request);
  }

  /** @return {@code {}}; the user's sessions go too; 206 unless self or master */
  public Future<JsonObject> deleteUser(ServiceRequest request) {
    return send(EventBusAddresses.USERS_DELETE, request);
  }

  /**
   * @return {@code {"userId","sessionId","expiresAt"}} for the session token in
   *     {@code body.sessionToken}; fails with 209 when it is unknown or expired
   */
  public Future<JsonObject> resolveSession(ServiceRequest request) {
    return send(EventBusAddresses.SESSIONS_RESOLVE, request);
  }

  /** @return the caller's session; fails with 209 */
  public Future<JsonObject> sessionMe(ServiceRequest request) {
    return send(EventBusAddresses.SESSIONS_ME, request);
  }

  /** @return a new revocable session of the caller; fails with 209 */
  public Future<JsonObject> upgradeSession(ServiceRequest request) {
    return send(EventBusAddresses.SESSIONS_UPGRADE, request);
  }

  /** @return {@code {"results":[session...]}}: the caller's, or all for the master key */
  public Future<JsonObject> sessions(ServiceRequest request) {
    return send(EventBusAddresses.SESSIONS_LIST, request);
  }

  /** @return {@code {"updatedAt"}}; fails with 101 for a session that is not the caller's */
  public Future<JsonObject> updateSession(ServiceRequest request) {
    return send(EventBusAddresses.SESSIONS_UPDATE, request);
  }

  /** @return {@code {}}; fails with 101 for a session that is not the caller's */
  public Future<JsonObject> deleteSession(ServiceRequest request) {
    return send(EventBusAddresses.SESSIONS_DELETE, request);
  }

  private Future<JsonObject> send(String address, ServiceRequest request) {
    return BusRequests.send(eventBus, timeoutMillis, address, request);
  }
}
