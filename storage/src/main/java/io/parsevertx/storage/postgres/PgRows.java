package io.parsevertx.storage.postgres;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.common.types.ParseType;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Whole objects between Parse's JSON encoding and a class table's row. */
final class PgRows {

  private PgRows() {}

  /** The ids granted {@code read} or {@code write} by a Parse ACL. */
  static String[] readers(JsonObject acl, String permission) {
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, Object> entry : acl) {
      if (entry.getValue() instanceof JsonObject perms && perms.getBoolean(permission, false)) {
        ids.add(entry.getKey());
      }
    }
    return ids.toArray(String[]::new);
  }

  /** A row back to the Parse object clients see (File values without url). */
  static JsonObject toParse(ClassSchema schema, Row row) {
    JsonObject object = new JsonObject();
    String[] readers = null;
    String[] writers = null;
    for (int i = 0; i < row.size(); i++) {
      String name = row.getColumnName(i);
      Object value = row.getValue(i);
      switch (name) {
        case ParseFields.OBJECT_ID -> object.put(name, value);
        case ParseFields.CREATED_AT, ParseFields.UPDATED_AT -> {
          if (value != null) {
            object.put(name, ParseDates.format(PgValues.instant(value)));
          }
        }
        case ParseFields.RPERM -> readers = (String[]) value;
        case ParseFields.WPERM -> writers = (String[]) value;
        default -> {
          if (value == null) {
            continue;
          }
          PgColumn column = PgColumn.of(schema, name);
          object.put(name, column == null ? value : PgValues.toParse(column, value));
        }
      }
    }
    if (readers != null || writers != null) {
      object.put(ParseFields.ACL, acl(readers, writers));
    }
    schema.fields().forEach((name, field) -> {
      if (field.type() == FieldType.RELATION) {
        object.put(name, new JsonObject().put(ParseFields.TYPE, ParseType.RELATION.wireName())
            .put(ParseFields.CLASS_NAME, field.targetClass()));
      }
    });
    return object;
  }

  private static JsonObject acl(String[] readers, String[] writers) {
    JsonObject acl = new JsonObject();
    if (readers != null) {
      for (String id : readers) {
        acl.put(id, new JsonObject().put("read", true));
      }
    }
    if (writers != null) {
      for (String id : writers) {
        JsonObject perms = acl.getJsonObject(id, new JsonObject());
        acl.put(id, perms.put("write", true));
      }
    }
    return acl;
  }
}
