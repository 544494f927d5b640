package io.parsevertx.storage.mongo;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Class schemas as Parse Server keeps them in the {@code _SCHEMA} collection: one document per
 * class, {@code _id} the class name, each field's type as a short string ({@code "number"},
 * {@code "*_User"}, {@code "relation<Post>"}), and {@code _metadata} for CLPs, indexes and
 * field options.
 */
final class MongoSchemaCollection {
  static final String COLLECTION = "_SCHEMA";
  private static final String METADATA = "_metadata";
  private static final String CLASS_PERMISSIONS = "class_permissions";
  private static final String INDEXES = "indexes";
  private static final String FIELDS_OPTIONS = "fields_options";
  private static final Set<String> NON_FIELD_KEYS = Set.of(MongoFieldNames.ID, METADATA,
      "_client_permissions");

  private MongoSchemaCollection() {}

  static ClassSchema fromDocument(JsonObject doc) {
    JsonObject metadata = doc.getJsonObject(METADATA, new JsonObject());
    JsonObject options = metadata.getJsonObject(FIELDS_OPTIONS, new JsonObject());
    Map<String, SchemaField> fields = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : doc) {
      String name = entry.getKey();
      if (NON_FIELD_KEYS.contains(name) || name.startsWith("_")
          || ParseFields.DEFAULT_FIELDS.contains(name)) {
        continue;
      }
      SchemaField type = fieldFromMongo(String.valueOf(entry.getValue()),
          options.getJsonObject(name));
      if (type != null) {
        fields.put(name, type);
      }
    }
    return new ClassSchema(doc.getString(MongoFieldNames.ID), fields,
        metadata.getJsonObject(CLASS_PERMISSIONS), metadata.getJsonObject(INDEXES));
  }

  static JsonObject toDocument(ClassSchema schema) {
    JsonObject doc = new JsonObject().put(MongoFieldNames.ID, schema.className())
        .put(ParseFields.OBJECT_ID, "string")
        .put(ParseFields.UPDATED_AT, "date")
        .put(ParseFields.CREATED_AT, "date");
    JsonObject fieldOptions = new JsonObject();
    schema.fields().forEach((name, field) -> {
      if (!ParseFields.DEFAULT_FIELDS.contains(name)) {
        doc.put(name, fieldToMongo(field));
        if (!field.options().isEmpty()) {
          fieldOptions.put(name, field.options().copy());
        }
      }
    });
    JsonObject metadata = new JsonObject();
    if (!schema.classLevelPermissions().equals(ClassSchema.defaultClassLevelPermissions())) {
      metadata.put(CLASS_PERMISSIONS, schema.classLevelPermissions());
    }
    if (!schema.indexes().isEmpty()) {
      metadata.put(INDEXES, schema.indexes());
    }
    if (!fieldOptions.isEmpty()) {
      metadata.put(FIELDS_OPTIONS, fieldOptions);
    }
    if (!metadata.isEmpty()) {
      doc.put(METADATA, metadata);
    }
    return doc;
  }

  static String fieldToMongo(SchemaField field) {
    return switch (field.type()) {
      case POINTER -> "*" + field.targetClass();
      case RELATION -> "relation<" + field.targetClass() + ">";
      case GEO_POINT -> "geopoint";
      default -> field.type().parseName().toLowerCase();
    };
  }

  static SchemaField fieldFromMongo(String type, JsonObject options) {
    if (type.startsWith("*")) {
      return new SchemaField(FieldType.POINTER, type.substring(1), options);
    }
    if (type.startsWith("relation<") && type.endsWith(">")) {
      return new SchemaField(FieldType.RELATION, type.substring(9, type.length() - 1), options);
    }
    FieldType parsed = switch (type) {
      case "number" -> FieldType.NUMBER;
      case "string" -> FieldType.STRING;
      case "boolean" -> FieldType.BOOLEAN;
      case "date" -> FieldType.DATE;
      case "map", "object" -> FieldType.OBJECT;
      case "array" -> FieldType.ARRAY;
      case "geopoint" -> FieldType.GEO_POINT;
      case "file" -> FieldType.FILE;
      case "bytes" -> FieldType.BYTES;
      case "polygon" -> FieldType.POLYGON;
      default -> null;
    };
    return parsed == null ? null : new SchemaField(parsed, null, options);
  }
}
