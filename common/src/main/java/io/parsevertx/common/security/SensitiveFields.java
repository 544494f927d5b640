package io.parsevertx.common.security;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.auth.AuthDataViews;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.types.ParseType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Keeps secrets out of every read: internal {@code _} fields (password hashes, tokens) always;
 * session tokens of users and sessions and users' authData unless the master key asks.
 * What the master key sees of authData is each provider's {@link AuthDataViews} view (MFA
 * secrets and passkeys' public keys to no one). Included objects are cleaned the same way.
 */
public final class SensitiveFields {
  private static final String SESSION_TOKEN = "sessionToken";
  private static final String AUTH_DATA = "authData";
  private static final Set<String> TOKEN_CLASSES = Set.of(ClassNames.USER, ClassNames.SESSION);

  private final AuthDataViews authDataViews;

  public SensitiveFields(AuthDataViews authDataViews) {
    this.authDataViews = authDataViews;
  }

  public JsonObject strip(String className, JsonObject object, boolean master) {
    object.fieldNames().removeIf(name -> name.startsWith("_") && !ParseFields.TYPE.equals(name));
    if (ClassNames.USER.equals(className)) {
      object.remove(SESSION_TOKEN);
      if (!master) {
        object.remove(AUTH_DATA);
      } else if (object.getValue(AUTH_DATA) instanceof JsonObject authData) {
        authDataViews.apply(authData);
      }
    } else if (TOKEN_CLASSES.contains(className)) {
      object.remove("serverData"); // note: a webhook's data about the session is the server's
      if (!master) {
        object.remove(SESSION_TOKEN);
      }
    }
    object.forEach(entry -> stripIncluded(entry.getValue(), master));
    return object;
  }

  private void stripIncluded(Object value, boolean master) {
    if (value instanceof JsonArray array) {
      array.forEach(item -> stripIncluded(item, master));
    } else if (value instanceof JsonObject json
        && ParseType.OBJECT.wireName().equals(json.getValue(ParseFields.TYPE))) {
      strip(json.getString(ParseFields.CLASS_NAME), json, master);
    }
  }
}
