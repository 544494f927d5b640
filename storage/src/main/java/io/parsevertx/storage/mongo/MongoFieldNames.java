package io.parsevertx.storage.mongo;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;

/** Parse field names to the names Parse Server's MongoDB layout stores them under. */
final class MongoFieldNames {
  static final String ID = "_id";
  static final String CREATED_AT = "_created_at";
  static final String UPDATED_AT = "_updated_at";
  static final String ACL = "_acl";
  static final String POINTER_PREFIX = "_p_";
  static final String SESSION_TOKEN = "_session_token";
  static final String AUTH_DATA_PREFIX = "_auth_data_";
  /**
   * Internal fields of {@code _User} that Parse Server stores under these names; the adapter
   * hands them to the services (auth-service needs them) and data-service strips them from
   * every response.
   */
  static final java.util.Set<String> INTERNAL_FIELDS = java.util.Set.of("_hashed_password",
      "_email_verify_token", "_email_verify_token_expires_at", "_perishable_token",
      "_perishable_token_expires_at", "_failed_login_count", "_account_lockout_expires_at",
      "_password_changed_at", "_password_history", "_tombstone");

  private MongoFieldNames() {}

  /** The stored name of a (possibly dotted) Parse field. */
  static String toMongo(ClassSchema schema, String field) {
    return switch (field) {
      case ParseFields.OBJECT_ID -> ID;
      case ParseFields.CREATED_AT -> CREATED_AT;
      case ParseFields.UPDATED_AT -> UPDATED_AT;
      case "sessionToken" -> SESSION_TOKEN;
      default -> {
        if (field.startsWith("authData.")) {
          yield AUTH_DATA_PREFIX + field.substring("authData.".length());
        }
        SchemaField type = schema.field(field);
        yield type != null && type.type() == FieldType.POINTER ? POINTER_PREFIX + field : field;
      }
    };
  }
}
