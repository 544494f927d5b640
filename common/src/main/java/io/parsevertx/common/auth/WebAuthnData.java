package io.parsevertx.common.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The stored shape of {@code authData.webauthn}, the user's passkeys: auth-service writes it,
 * and every reply shows only the credentials' ids and dates, never a public key or counter.
 * <pre>{"ids": [credentialId, ...],
 *  "credentials": [{"id", "publicKey", "counter", "createdAt"}, ...]}</pre>
 */
public final class WebAuthnData {
  public static final String PROVIDER = "webauthn";
  /** Every credential id of the user, the field a log-in looks the user up by. */
  public static final String IDS = "ids";
  public static final String CREDENTIALS = "credentials";
  public static final String ID = "id";
  /** The credential's attested data (public key and AAGUID), base64url, as webauthn4j encodes it. */
  public static final String PUBLIC_KEY = "publicKey";
  public static final String COUNTER = "counter";
  public static final String CREATED_AT = "createdAt";

  private WebAuthnData() {}

  /** All that anyone, the master key included, sees of stored passkeys. */
  public static JsonObject visible(JsonObject stored) {
    JsonArray shown = new JsonArray();
    stored.getJsonArray(CREDENTIALS, new JsonArray()).forEach(credential -> {
      if (credential instanceof JsonObject json) {
        shown.add(new JsonObject().put(ID, json.getValue(ID))
            .put(CREATED_AT, json.getValue(CREATED_AT)));
      }
    });
    return new JsonObject().put(CREDENTIALS, shown);
  }
}
