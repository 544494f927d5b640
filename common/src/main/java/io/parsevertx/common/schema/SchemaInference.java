package io.parsevertx.common.schema;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.common.types.ParseType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * Infers the schema type of a value written by a client, checking Parse's typed JSON values on
 * the way. Returns null for values that carry no type (null, {@code Delete}).
 */
public final class SchemaInference {

  private SchemaInference() {}

  /**
   * The schema type of {@code value}.
   *
   * @throws ParseException 111 for a malformed typed value, 107 for a bad date or base64
   */
  public static SchemaField typeOf(String fieldName, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String) {
      return SchemaField.of(FieldType.STRING);
    }
    if (value instanceof Number) {
      return SchemaField.of(FieldType.NUMBER);
    }
    if (value instanceof Boolean) {
      return SchemaField.of(FieldType.BOOLEAN);
    }
    if (value instanceof JsonArray) {
      return SchemaField.of(FieldType.ARRAY);
    }
    if (value instanceof JsonObject json) {
      if (json.containsKey(ParseFields.TYPE)) {
        return typedValue(fieldName, json);
      }
      if (json.containsKey(ParseFields.OP)) {
        return operation(fieldName, json);
      }
      return SchemaField.of(FieldType.OBJECT);
    }
    throw ParseException.of(ParseErrorCode.INCORRECT_TYPE, "bad value for %s", fieldName);
  }

  private static SchemaField typedValue(String field, JsonObject json) {
    Object typeName = json.getValue(ParseFields.TYPE);
    ParseType type = typeName instanceof String s ? ParseType.fromWireName(s) : null;
    if (type == null) {
      throw ParseException.of(ParseErrorCode.INCORRECT_TYPE, "invalid type: %s", typeName);
    }
    return switch (type) {
      case DATE -> {
        ParseDates.parse(requireString(field, json, ParseFields.ISO));
        yield SchemaField.of(FieldType.DATE);
      }
      case POINTER -> {
        requireString(field, json, ParseFields.OBJECT_ID);
        yield SchemaField.pointerTo(requireString(field, json, ParseFields.CLASS_NAME));
      }
      case RELATION -> SchemaField.relationTo(requireString(field, json, ParseFields.CLASS_NAME));
      case FILE -> {
        requireString(field, json, ParseFields.NAME);
        yield SchemaField.of(FieldType.FILE);
      }
      case GEO_POINT -> {
        GeoPoints.validate(json);
        yield SchemaField.of(FieldType.GEO_POINT);
      }
      case POLYGON -> {
        GeoPoints.validatePolygon(json);
        yield SchemaField.of(FieldType.POLYGON);
      }
      case BYTES -> {
        try {
          Base64.getDecoder().decode(requireString(field, json, ParseFields.BASE64));
        } catch (IllegalArgumentException e) {
          throw ParseException.of(ParseErrorCode.INVALID_JSON, "invalid base64 for %s", field);
        }
        yield SchemaField.of(FieldType.BYTES);
      }
      case OBJECT -> throw ParseException.of(ParseErrorCode.INCORRECT_TYPE,
          "a saved object cannot be nested in %s; use a Pointer", field);
    };
  }

  private static SchemaField operation(String field, JsonObject json) {
    String op = String.valueOf(json.getValue(ParseFields.OP));
    return switch (op) {
      case "Delete" -> null;
      case "Increment" -> SchemaField.of(FieldType.NUMBER);
      case "Add", "AddUnique", "Remove" -> SchemaField.of(FieldType.ARRAY);
      case "AddRelation", "RemoveRelation" -> relationOf(field, json);
      case "Batch" -> {
        JsonArray ops = json.getJsonArray("ops", new JsonArray());
        yield ops.isEmpty() ? null : typeOf(field, ops.getValue(0));
      }
      default -> throw ParseException.of(ParseErrorCode.INVALID_JSON,
          "The operation %s is not supported.", op);
    };
  }

  private static SchemaField relationOf(String field, JsonObject json) {
    JsonArray objects = json.getJsonArray("objects", new JsonArray());
    if (objects.isEmpty() || !(objects.getValue(0) instanceof JsonObject first)) {
      throw ParseException.of(ParseErrorCode.INVALID_JSON, "%s needs objects", field);
    }
    return SchemaField.relationTo(requireString(field, first, ParseFields.CLASS_NAME));
  }

  private static String requireString(String field, JsonObject json, String key) {
    Object value = json.getValue(key);
    if (!(value instanceof String s) || s.isEmpty()) {
      throw ParseException.of(ParseErrorCode.INCORRECT_TYPE, "%s: %s must be a string", field, key);
    }
    return s;
  }
}
