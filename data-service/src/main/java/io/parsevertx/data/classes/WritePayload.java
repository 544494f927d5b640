package io.parsevertx.data.classes;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import io.parsevertx.common.schema.SchemaInference;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks a create or update body before anything is stored: field names (105), typed values
 * (111, 107), and the operations this server runs so far. Returns the schema types it implies.
 */
final class WritePayload {

  private WritePayload() {}

  /**
   * @param allowNestedKeys true for updates, where {@code "meta.level"} sets a key inside an
   *     Object field
   * @return the schema type of every field in {@code body} that carries one
   */
  static Map<String, SchemaField> inferTypes(JsonObject body, boolean allowNestedKeys) {
    Map<String, SchemaField> types = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : body) {
      String field = entry.getKey();
      if (ParseFields.ACL.equals(field)) {
        requireAcl(entry.getValue());
        continue;
      }
      if (ParseFields.SERVER_FIELDS.contains(field)) {
        continue;
      }
      if (allowNestedKeys && field.contains(".")) {
        types.put(nestedKeyOwner(field), SchemaField.of(FieldType.OBJECT));
        checkOp(field, entry.getValue());
        continue;
      }
      ClassNames.requireValidFieldName(field);
      checkOp(field, entry.getValue());
      SchemaField type = SchemaInference.typeOf(field, entry.getValue());
      if (type != null) {
        types.put(field, type);
      }
    }
    return types;
  }

  /** The Object field a dotted update key writes into; every part must be a valid name. */
  private static String nestedKeyOwner(String key) {
    String[] parts = key.split("\\.", -1);
    for (String part : parts) {
      if (part.isEmpty() || !part.matches("^[A-Za-z0-9_]+$")) {
        throw ParseException.of(ParseErrorCode.INVALID_NESTED_KEY, "invalid nested key: %s", key);
      }
    }
    return ClassNames.requireValidFieldName(parts[0]);
  }

  /** A create body with its operations applied to nothing, as Parse does on a new object. */
  static JsonObject applyOpsForCreate(JsonObject body) {
    JsonObject result = new JsonObject();
    for (Map.Entry<String, Object> entry : body) {
      Object value = entry.getValue();
      if (value instanceof JsonObject op && op.containsKey(ParseFields.OP)) {
        switch (op.getString(ParseFields.OP)) {
          case "Delete" -> { }
          case "Increment" -> result.put(entry.getKey(), op.getValue("amount"));
          case "Add", "AddUnique" -> result.put(entry.getKey(), unique(op));
          case "Remove" -> result.put(entry.getKey(), new JsonArray());
          default -> result.put(entry.getKey(), value);
        }
      } else {
        result.put(entry.getKey(), value);
      }
    }
    return result;
  }

  private static JsonArray unique(JsonObject op) {
    JsonArray objects = op.getJsonArray("objects", new JsonArray());
    if (!"AddUnique".equals(op.getString(ParseFields.OP))) {
      return objects;
    }
    JsonArray distinct = new JsonArray();
    objects.forEach(o -> {
      if (!distinct.contains(o)) {
        distinct.add(o);
      }
    });
    return distinct;
  }

  private static void checkOp(String field, Object value) {
    if (value instanceof JsonObject op && op.getValue(ParseFields.OP) instanceof String name) {
      if (("Increment".equals(name) && !(op.getValue("amount") instanceof Number))
          || (Set.of("Add", "AddUnique", "Remove").contains(name)
              && !(op.getValue("objects") instanceof JsonArray))) {
        throw ParseException.of(ParseErrorCode.INVALID_JSON, "bad %s operation on %s", name,
            field);
      }
    }
  }

  /** Fails with 123 unless the ACL maps ids to {"read": bool, "write": bool}. */
  private static void requireAcl(Object value) {
    if (!(value instanceof JsonObject acl)) {
      throw new ParseException(ParseErrorCode.INVALID_ACL, "ACL must be an object.");
    }
    for (Map.Entry<String, Object> entry : acl) {
      if (!(entry.getValue() instanceof JsonObject perms)) {
        throw new ParseException(ParseErrorCode.INVALID_ACL, "invalid ACL entry " + entry.getKey());
      }
      for (Map.Entry<String, Object> perm : perms) {
        if (!Set.of("read", "write").contains(perm.getKey())
            || !(perm.getValue() instanceof Boolean)) {
          throw new ParseException(ParseErrorCode.INVALID_ACL,
              "invalid permission " + perm.getKey() + " in ACL");
        }
      }
    }
  }
}
