package io.parsevertx.common.schema;

import io.parsevertx.common.ParseFields;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The schema of one class: its fields (the four default fields included), class-level
 * permissions and indexes. Immutable; a change makes a new instance.
 */
public record ClassSchema(
    String className, Map<String, SchemaField> fields, JsonObject classLevelPermissions,
    JsonObject indexes) {

  public ClassSchema {
    Map<String, SchemaField> all = new LinkedHashMap<>(defaultFields());
    all.putAll(fields);
    fields = Collections.unmodifiableMap(all);
    classLevelPermissions =
        classLevelPermissions == null ? defaultClassLevelPermissions() : classLevelPermissions;
    indexes = indexes == null ? new JsonObject() : indexes;
  }

  public static ClassSchema empty(String className) {
    return new ClassSchema(className, Map.of(), null, null);
  }

  public SchemaField field(String name) {
    return fields.get(name);
  }

  /** A copy with {@code added} fields put beside the existing ones. */
  public ClassSchema withFields(Map<String, SchemaField> added) {
    Map<String, SchemaField> merged = new LinkedHashMap<>(fields);
    merged.putAll(added);
    return new ClassSchema(className, merged, classLevelPermissions, indexes);
  }

  /** The shape {@code GET /schemas/:className} returns. */
  public JsonObject toJson() {
    JsonObject jsonFields = new JsonObject();
    fields.forEach((name, field) -> jsonFields.put(name, field.toJson()));
    return new JsonObject()
        .put("className", className)
        .put("fields", jsonFields)
        .put("classLevelPermissions", classLevelPermissions.copy())
        .put("indexes", indexes.copy());
  }

  static Map<String, SchemaField> defaultFields() {
    Map<String, SchemaField> defaults = new LinkedHashMap<>();
    defaults.put(ParseFields.OBJECT_ID, SchemaField.of(FieldType.STRING));
    defaults.put(ParseFields.CREATED_AT, SchemaField.of(FieldType.DATE));
    defaults.put(ParseFields.UPDATED_AT, SchemaField.of(FieldType.DATE));
    defaults.put(ParseFields.ACL, SchemaField.of(FieldType.ACL));
    return defaults;
  }

  /** Public by default, as Parse Server creates classes. */
  public static JsonObject defaultClassLevelPermissions() {
    JsonObject everyone = new JsonObject().put("*", true);
    return new JsonObject()
        .put("find", everyone.copy())
        .put("count", everyone.copy())
        .put("get", everyone.copy())
        .put("create", everyone.copy())
        .put("update", everyone.copy())
        .put("delete", everyone.copy())
        .put("addField", everyone.copy())
        .put("protectedFields", new JsonObject().put("*", new io.vertx.core.json.JsonArray()));
  }
}
