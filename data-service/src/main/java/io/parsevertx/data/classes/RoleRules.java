package io.parsevertx.data.classes;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import io.parsevertx.storage.StorageAdapter;
import io.parsevertx.storage.schema.SchemaController;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What makes a {@code _Role} valid: a name of letters, digits, {@code _}, {@code -} and spaces
 * (139), set once and never changed (136), unique across roles (137, by a unique index).
 */
final class RoleRules {
  private static final String NAME = "name";
  // note: in Parse Server's order, which is the Dashboard's column order
  private static final Map<String, SchemaField> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put(NAME, SchemaField.of(FieldType.STRING));
    FIELDS.put("users", SchemaField.relationTo(ClassNames.USER));
    FIELDS.put("roles", SchemaField.relationTo(ClassNames.ROLE));
  }
  private static final Pattern VALID_NAME = Pattern.compile("^[0-9a-zA-Z\\-_ ]+$");

  private RoleRules() {}

  static void checkCreate(String className, JsonObject body) {
    if (!ClassNames.ROLE.equals(className)) {
      return;
    }
    Object name = body.getValue(NAME);
    if (!(name instanceof String s) || !VALID_NAME.matcher(s).matches()) {
      throw new ParseException(ParseErrorCode.INVALID_ROLE_NAME, "A role's name can only contain "
          + "alphanumeric characters, _, -, and spaces.");
    }
  }

  static void checkUpdate(String className, JsonObject body) {
    if (ClassNames.ROLE.equals(className) && body.containsKey(NAME)) {
      throw new ParseException(ParseErrorCode.CHANGED_IMMUTABLE_FIELD,
          "A role's name can only be set before it has been saved.");
    }
  }

  /** The unique index on role names; creating it again is harmless. */
  static Future<ClassSchema> ensureUniqueNames(StorageAdapter storage, ClassSchema schema) {
    if (!ClassNames.ROLE.equals(schema.className())) {
      return Future.succeededFuture(schema);
    }
    return storage.createIndex(schema, "name_1", new JsonObject().put(NAME, 1), true)
        .map(schema);
  }

  /**
   * {@code _Role} with its name and its two relations, before any role is written: as on
   * Parse Server, which creates it at start, so the Dashboard and {@code /schemas} show it on a
   * fresh database.
   */
  static Future<ClassSchema> ensureClass(StorageAdapter storage, SchemaController schemas) {
    return schemas.enforce(ClassNames.ROLE, FIELDS)
        .compose(schema -> ensureUniqueNames(storage, schema));
  }
}
