package io.parsevertx.auth.authdata;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A third-party identity behind {@code authData.<provider>}: it proves that the caller is the
 * provider's user {@code authData.id}. Built in: {@code anonymous}, {@code google},
 * {@code apple}; others plug in as {@code auth: {"<provider>": {"module": "<class name>",
 * ...options}}} naming a class with a public no-argument constructor. The challenge, MFA and
 * WebAuthn steps of #6 extend this interface.
 */
public interface AuthDataAdapter {

  /** Called once with the provider's options before the adapter is used. */
  default void init(Vertx vertx, JsonObject options) {
  }

  /**
   * Checks the credentials in {@code authData}.
   *
   * @return succeeds when they prove {@code authData.id}; fails with a
   *     {@link io.parsevertx.common.error.ParseException} (101 for credentials that do not hold)
   */
  Future<Void> validateAuthData(JsonObject authData);
}
