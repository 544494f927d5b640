package io.parsevertx.storage.postgres;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Class schemas as Parse Server's PostgreSQL adapter keeps them: table {@code "_SCHEMA"} with
 * {@code "className"}, {@code "schema"} (jsonb: {@code className}, {@code fields} with each
 * field's {@code type}, {@code targetClass} and options, {@code classLevelPermissions},
 * {@code indexes}) and {@code "isParseClass"}. The stored fields also list the internal
 * columns ({@code _rperm}, {@code _wperm}, and {@code _hashed_password} of {@code _User}), which
 * are never shown as fields.
 */
final class PgSchemaTable {
  static final String CREATE = "CREATE TABLE IF NOT EXISTS \"_SCHEMA\" (\"className\" "
      + "varChar(120), \"schema\" jsonb, \"isParseClass\" bool, PRIMARY KEY (\"className\"))";
  private static final Set<String> HIDDEN = Set.of(ParseFields.RPERM, ParseFields.WPERM,
      "_hashed_password", "_password_history");
  private static final JsonObject STRING_ARRAY = new JsonObject().put("type", "Array")
      .put("contents", new JsonObject().put("type", "String"));

  private PgSchemaTable() {}

  static JsonObject toJson(ClassSchema schema) {
    JsonObject fields = new JsonObject();
    schema.fields().forEach((name, field) -> {
      if (field.type() != FieldType.ACL) {
        fields.put(name, field.toJson());
      }
    });
    fields.put(ParseFields.WPERM, STRING_ARRAY.copy()).put(ParseFields.RPERM,
        STRING_ARRAY.copy());
    if (ClassNames.USER.equals(schema.className())) {
      fields.put("_hashed_password", new JsonObject().put("type", "String"));
      fields.put("_password_history", new JsonObject().put("type", "Array"));
    }
    return new JsonObject().put("className", schema.className()).put("fields", fields)
        .put("classLevelPermissions", schema.classLevelPermissions().copy())
        .put("indexes", schema.indexes().copy());
  }

  static ClassSchema fromJson(String className, JsonObject json) {
    Map<String, SchemaField> fields = new LinkedHashMap<>();
    json.getJsonObject("fields", new JsonObject()).forEach(entry -> {
      if (HIDDEN.contains(entry.getKey()) || ParseFields.DEFAULT_FIELDS.contains(entry.getKey())
          || !(entry.getValue() instanceof JsonObject definition)) {
        return;
      }
      FieldType type = FieldType.fromParseName(definition.getString("type"));
      if (type == null) {
        return;
      }
      JsonObject options = definition.copy();
      options.remove("type");
      options.remove("targetClass");
      options.remove("contents");
      fields.put(entry.getKey(), new SchemaField(type, definition.getString("targetClass"),
          options));
    });
    JsonObject clp = json.getJsonObject("classLevelPermissions");
    return new ClassSchema(className, fields, clp == null || clp.isEmpty() ? null : clp,
        json.getJsonObject("indexes"));
  }
}
