package io.parsevertx.common.query;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.common.types.ParseType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Equality and order of Parse JSON values, as the database compares them. */
final class ParseValues {

  private ParseValues() {}

  /** The value at a dot path, or {@link #MISSING}. */
  static Object at(JsonObject object, String path) {
    Object current = object;
    for (String part : path.split("\\.")) {
      if (!(current instanceof JsonObject json) || !json.containsKey(part)) {
        return MISSING;
      }
      current = json.getValue(part);
    }
    return current;
  }

  /** Marks an absent field, which differs from a field holding null. */
  static final Object MISSING = new Object();

  static boolean same(Object a, Object b) {
    Object left = comparable(a);
    Object right = comparable(b);
    if (left instanceof Number x && right instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
    }
    if (left instanceof JsonObject x && right instanceof JsonObject y) {
      return x.size() == y.size() && x.fieldNames().stream()
          .allMatch(k -> y.containsKey(k) && same(x.getValue(k), y.getValue(k)));
    }
    if (left instanceof JsonArray x && right instanceof JsonArray y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.getValue(i), y.getValue(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(left, right);
  }

  /**
   * Orders two values of one kind (numbers, strings, dates, booleans); null when they cannot be
   * compared, as MongoDB does not compare across types in range queries.
   */
  static Integer compare(Object a, Object b) {
    Object left = comparable(a);
    Object right = comparable(b);
    if (left instanceof Number x && right instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (left instanceof String x && right instanceof String y) {
      return Integer.signum(x.compareTo(y));
    }
    if (left instanceof Instant x && right instanceof Instant y) {
      return x.compareTo(y);
    }
    if (left instanceof Boolean x && right instanceof Boolean y) {
      return x.compareTo(y);
    }
    return null;
  }

  /** Dates become Instants and pointers "Class$id", so either encoding compares alike. */
  private static Object comparable(Object value) {
    if (value instanceof JsonObject json && json.getValue(ParseFields.TYPE) instanceof String t) {
      if (ParseType.DATE.wireName().equals(t) && json.getValue(ParseFields.ISO) instanceof String) {
        return ParseDates.parse(json.getString(ParseFields.ISO));
      }
      if (ParseType.POINTER.wireName().equals(t) || ParseType.OBJECT.wireName().equals(t)) {
        return json.getString(ParseFields.CLASS_NAME) + "$" + json.getString(ParseFields.OBJECT_ID);
      }
    }
    if (value instanceof Map<?, ?> map) {
      return comparable(new JsonObject(castMap(map)));
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  /** createdAt/updatedAt arrive as ISO strings on objects and as Dates in queries. */
  static Object fieldValue(JsonObject object, String field) {
    Object value = at(object, field);
    if ((ParseFields.CREATED_AT.equals(field) || ParseFields.UPDATED_AT.equals(field))
        && value instanceof String iso) {
      return ParseDates.toJson(ParseDates.parse(iso));
    }
    return value;
  }
}
