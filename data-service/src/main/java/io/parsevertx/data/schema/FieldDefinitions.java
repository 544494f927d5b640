package io.parsevertx.data.schema;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import io.parsevertx.common.schema.SchemaInference;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * Reads field definitions of {@code /schemas} bodies ({@code {"type":"Pointer",
 * "targetClass":"_User","required":true,"defaultValue":...}}), with Parse Server's errors.
 */
final class FieldDefinitions {
  private static final Set<String> OPTION_KEYS = Set.of("required", "defaultValue");

  private FieldDefinitions() {}

  static boolean isDelete(Object definition) {
    return definition instanceof JsonObject json && "Delete".equals(json.getValue(ParseFields.OP));
  }

  /**
   * @throws ParseException 105 for a bad name, 136 for a default field, 111 for an unknown type
   *     or a default value of another type, 135 for a Pointer or Relation without targetClass
   */
  static SchemaField parse(String name, Object definition) {
    if (!ClassNames.isValidFieldName(name)) {
      throw ParseException.of(ParseErrorCode.INVALID_KEY_NAME, "invalid field name: %s", name);
    }
    if (ParseFields.DEFAULT_FIELDS.contains(name)) {
      throw ParseException.of(ParseErrorCode.CHANGED_IMMUTABLE_FIELD,
          "field %s cannot be added", name);
    }
    if (!(definition instanceof JsonObject json)
        || !(json.getValue("type") instanceof String typeName)) {
      throw ParseException.of(ParseErrorCode.INVALID_JSON, "field %s needs a type", name);
    }
    FieldType type = FieldType.fromParseName(typeName);
    if (type == null || type == FieldType.ACL) {
      throw ParseException.of(ParseErrorCode.INCORRECT_TYPE, "invalid field type: %s", typeName);
    }
    String targetClass = json.getString("targetClass");
    if (type.needsTargetClass()) {
      if (targetClass == null) {
        throw ParseException.of(ParseErrorCode.MISSING_REQUIRED_FIELD_ERROR,
            "type %s needs a class name", typeName);
      }
      ClassNames.requireValidClassName(targetClass);
    } else {
      targetClass = null;
    }
    JsonObject options = new JsonObject();
    for (Map.Entry<String, Object> entry : json) {
      if (OPTION_KEYS.contains(entry.getKey())) {
        options.put(entry.getKey(), entry.getValue());
      }
    }
    SchemaField field = new SchemaField(type, targetClass, options);
    checkDefault(name, field);
    return field;
  }

  private static void checkDefault(String name, SchemaField field) {
    Object value = field.options().getValue("defaultValue");
    if (value == null) {
      return;
    }
    SchemaField given = SchemaInference.typeOf(name, value);
    if (given == null || !field.accepts(given)) {
      throw ParseException.of(ParseErrorCode.INCORRECT_TYPE,
          "schema mismatch for %s default value; expected %s but got %s", name,
          field.describe(), given == null ? "null" : given.describe());
    }
  }
}
