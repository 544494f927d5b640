package io.parsevertx.common.options;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * How an option's text (from a CLI flag or an environment variable) becomes a JSON value, and
 * which JSON values a config.json may hold for it - the same rules as parse-server's parsers.
 */
public enum OptionType {
  STRING,
  NUMBER,
  BOOLEAN,
  /** A JSON object or array. */
  OBJECT,
  /** A JSON array, or a comma-separated list. */
  ARRAY,
  /** A module name (string) or a JSON object of adapter options. */
  MODULE_OR_OBJECT;

  /**
   * Parses the text given on the command line or in the environment.
   *
   * @throws IllegalArgumentException with a message naming what was expected
   */
  public Object parseText(String text) {
    String trimmed = text.trim();
    return switch (this) {
      case STRING -> text;
      case NUMBER -> parseNumber(trimmed);
      case BOOLEAN -> parseBoolean(trimmed);
      case OBJECT -> parseJson(trimmed, "a JSON object or array");
      case ARRAY -> trimmed.startsWith("[") ? parseJson(trimmed, "a JSON array")
          : new JsonArray(java.util.Arrays.stream(trimmed.split(",")).map(String::trim)
              .filter(s -> !s.isEmpty()).toList());
      case MODULE_OR_OBJECT -> trimmed.startsWith("{") ? parseJson(trimmed, "a JSON object") : text;
    };
  }

  /** Checks (and where Parse does, converts) a value read from config.json. */
  public Object checkJson(Object value) {
    if (value == null) {
      return null;
    }
    return switch (this) {
      case STRING -> value instanceof String ? value : fail("a string");
      case NUMBER -> value instanceof Number n ? normalize(n)
          : value instanceof String s ? parseNumber(s.trim()) : fail("a number");
      case BOOLEAN -> value instanceof Boolean ? value
          : value instanceof String s ? parseBoolean(s.trim()) : fail("true or false");
      case OBJECT -> value instanceof JsonObject || value instanceof JsonArray ? value
          : fail("a JSON object or array");
      case ARRAY -> value instanceof JsonArray ? value
          : value instanceof String s ? parseText(s) : fail("an array");
      case MODULE_OR_OBJECT -> value instanceof JsonObject || value instanceof String ? value
          : fail("a module name or an object");
    };
  }

  private static Object parseNumber(String text) {
    try {
      return normalize(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      return fail("a number");
    }
  }

  /** Whole numbers as Long, others as Double, whatever source they came from. */
  static Number normalize(Number number) {
    double value = number.doubleValue();
    return value == Math.rint(value) && !Double.isInfinite(value) ? (Number) number.longValue()
        : (Number) value;
  }

  private static Object parseBoolean(String text) {
    return switch (text.toLowerCase()) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> fail("true or false");
    };
  }

  private static Object parseJson(String text, String expected) {
    try {
      Object value = Json.decodeValue(text);
      if (value instanceof JsonObject || value instanceof JsonArray) {
        return value;
      }
    } catch (DecodeException e) {
      // fall through to the one message below
    }
    return fail(expected);
  }

  private static Object fail(String expected) {
    throw new IllegalArgumentException("must be " + expected);
  }
}
