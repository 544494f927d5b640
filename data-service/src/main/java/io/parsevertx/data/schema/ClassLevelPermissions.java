package io.parsevertx.data.schema;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the shape of class-level permissions before they are stored (enforcement is #4). */
final class ClassLevelPermissions {
  private static final Set<String> OPERATIONS = Set.of("find", "count", "get", "create",
      "update", "delete", "addField");
  private static final Set<String> FIELD_LISTS = Set.of("readUserFields", "writeUserFields");
  private static final Pattern ENTITY =
      Pattern.compile("^(\\*|requiresAuthentication|role:.+|userField:.+|[A-Za-z0-9]+)$");

  private ClassLevelPermissions() {}

  /** @throws ParseException 107 naming the first malformed entry */
  static JsonObject validate(Object value) {
    if (!(value instanceof JsonObject clp)) {
      throw new ParseException(ParseErrorCode.INVALID_JSON,
          "classLevelPermissions must be an object");
    }
    for (Map.Entry<String, Object> entry : clp) {
      String operation = entry.getKey();
      Object rule = entry.getValue();
      if (OPERATIONS.contains(operation)) {
        requirePermissionMap(operation, rule);
      } else if (FIELD_LISTS.contains(operation)) {
        requireStrings(operation, rule);
      } else if ("protectedFields".equals(operation)) {
        requireProtectedFields(rule);
      } else {
        throw bad(operation + " is not a valid operation for class level permissions");
      }
    }
    return clp;
  }

  private static void requirePermissionMap(String operation, Object rule) {
    if (!(rule instanceof JsonObject map)) {
      throw bad("'" + operation + "' must be an object of permissions");
    }
    for (Map.Entry<String, Object> entry : map) {
      if ("pointerFields".equals(entry.getKey())) {
        requireStrings(operation + ".pointerFields", entry.getValue());
      } else if (!ENTITY.matcher(entry.getKey()).matches()
          || !Boolean.TRUE.equals(entry.getValue())) {
        throw bad("'" + entry.getKey() + "' is not a valid entity for class level permissions"
            + " of '" + operation + "' (value must be true)");
      }
    }
  }

  private static void requireProtectedFields(Object rule) {
    if (!(rule instanceof JsonObject map)) {
      throw bad("'protectedFields' must be an object");
    }
    for (Map.Entry<String, Object> entry : map) {
      requireStrings("protectedFields." + entry.getKey(), entry.getValue());
    }
  }

  private static void requireStrings(String where, Object value) {
    if (!(value instanceof JsonArray array) || !array.stream().allMatch(String.class::isInstance)) {
      throw bad("'" + where + "' must be an array of field names");
    }
  }

  private static ParseException bad(String message) {
    return new ParseException(ParseErrorCode.INVALID_JSON, message);
  }
}
