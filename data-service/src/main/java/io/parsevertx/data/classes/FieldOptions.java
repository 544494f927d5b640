package io.parsevertx.data.classes;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.schema.ClassSchema;
import io.vertx.core.json.JsonObject;

/** The {@code defaultValue} and {@code required} options of schema fields, applied to writes. */
final class FieldOptions {

  private FieldOptions() {}

  /** Fills defaults into a new object, then fails with 142 if a required field is missing. */
  static JsonObject forCreate(ClassSchema schema, JsonObject object) {
    schema.fields().forEach((name, field) -> {
      Object defaultValue = field.options().getValue("defaultValue");
      if (defaultValue != null && object.getValue(name) == null) {
        object.put(name, defaultValue);
      }
      if (field.options().getBoolean("required", false) && object.getValue(name) == null) {
        throw ParseException.of(ParseErrorCode.VALIDATION_ERROR, "%s is required.", name);
      }
    });
    return object;
  }

  /** Fails with 142 when an update would remove a required field. */
  static void checkUpdate(ClassSchema schema, JsonObject update) {
    update.forEach(entry -> {
      var field = schema.field(entry.getKey());
      boolean removes = entry.getValue() == null || entry.getValue() instanceof JsonObject op
          && "Delete".equals(op.getValue(ParseFields.OP));
      if (field != null && removes && field.options().getBoolean("required", false)) {
        throw ParseException.of(ParseErrorCode.VALIDATION_ERROR, "%s is required.",
            entry.getKey());
      }
    });
  }
}
