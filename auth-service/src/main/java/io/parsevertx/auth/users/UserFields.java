package io.parsevertx.auth.users;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.auth.AuthDataViews;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import io.parsevertx.common.schema.SchemaInference;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The fields of {@code _User} and the checks a sign-up or user update runs on them. */
public final class UserFields {
  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  static final String EMAIL = "email";
  static final String EMAIL_VERIFIED = "emailVerified";
  static final String AUTH_DATA = "authData";
  static final String HASHED_PASSWORD = "_hashed_password";
  private static final Pattern EMAIL_FORMAT = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private UserFields() {}

  /** The schema types of {@code _User}'s own fields plus those a body brings. */
  public static Map<String, SchemaField> types(JsonObject body) {
    Map<String, SchemaField> types = new LinkedHashMap<>();
    types.put(USERNAME, SchemaField.of(FieldType.STRING));
    // note: listed as Parse Server lists it (the Dashboard sets passwords through this
    // column); no object ever holds it, only its hash, which no schema shows
    types.put(PASSWORD, SchemaField.of(FieldType.STRING));
    types.put(EMAIL, SchemaField.of(FieldType.STRING));
    types.put(EMAIL_VERIFIED, SchemaField.of(FieldType.BOOLEAN));
    types.put(AUTH_DATA, SchemaField.of(FieldType.OBJECT));
    for (Map.Entry<String, Object> entry : body) {
      String field = entry.getKey();
      if (field.equals(PASSWORD) || field.equals(ParseFields.ACL) || types.containsKey(field)
          || ParseFields.SERVER_FIELDS.contains(field)) {
        continue;
      }
      ClassNames.requireValidFieldName(field);
      SchemaField type = SchemaInference.typeOf(field, entry.getValue());
      if (type != null) {
        types.put(field, type);
      }
    }
    return types;
  }

  /**
   * Session tokens are the server's to give; third-party {@code authData} sign-up and linking
   * are not built yet, so they are refused rather than stored unverified.
   */
  static void refuseReserved(JsonObject body) {
    if (body.containsKey("sessionToken")) {
      throw new ParseException(ParseErrorCode.INVALID_KEY_NAME,
          "sessionToken is a reserved field.");
    }
    if (body.containsKey(AUTH_DATA)) {
      throw new ParseException(ParseErrorCode.UNSUPPORTED_SERVICE,
          "This authentication method is unsupported.");
    }
  }

  /** Fails with 125 unless {@code email} (when given) looks like an address. */
  static void checkEmail(Object email) {
    if (email != null && (!(email instanceof String s) || !EMAIL_FORMAT.matcher(s).matches())) {
      throw new ParseException(ParseErrorCode.INVALID_EMAIL_ADDRESS,
          "Email address format is invalid.");
    }
  }

  /** A case-insensitive exact-match query value, as Parse Server looks up usernames/emails. */
  static JsonObject caseInsensitive(String value) {
    return new JsonObject().put("$regex", "^" + Pattern.quote(value) + "$")
        .put("$options", "i");
  }

  /**
   * A user as its owner sees it: no password hash or internal field, and of authData only what
   * each provider shows (no MFA secret, no passkey's public key).
   */
  static JsonObject forOwner(JsonObject user, AuthDataViews views) {
    JsonObject copy = user.copy();
    copy.fieldNames().removeIf(name -> name.startsWith("_"));
    copy.remove(PASSWORD);
    if (copy.getValue(AUTH_DATA) instanceof JsonObject authData) {
      views.apply(authData);
    }
    return copy;
  }
}
