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

  private MongoFieldNames() {}

  /** The stored name of a (possibly dotted) Parse field. */
  static String toMongo(ClassSchema schema, String field) {
    return switch (field) {
      case ParseFields.OBJECT_ID -> ID;
      case ParseFields.CREATED_AT -> CREATED_AT;
      case ParseFields.UPDATED_AT -> UPDATED_AT;
      default -> {
        SchemaField type = schema.field(field);
        yield type != null && type.type() == FieldType.POINTER ? POINTER_PREFIX + field : field;
      }
    };
  }
}
