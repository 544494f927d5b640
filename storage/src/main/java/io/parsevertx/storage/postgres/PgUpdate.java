package io.parsevertx.storage.postgres;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.schema.ClassSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SET list of an UPDATE from a Parse update body: plain values, the ACL (as
 * {@code _rperm}/{@code _wperm}), authData providers (merged into the jsonb column, null
 * removes one), dot paths into Object columns, and the {@code __op}s Delete, Increment (atomic,
 * in the statement), Add, AddUnique and Remove.
 */
final class PgUpdate {
  private final ClassSchema schema;
  private final PgWhere binder;
  private final List<String> assignments = new ArrayList<>();

  PgUpdate(ClassSchema schema, PgWhere binder) {
    this.schema = schema;
    this.binder = binder;
  }

  /** @return the assignments, e.g. {@code "score" = COALESCE("score", 0) + $3} */
  String set(JsonObject update) {
    for (Map.Entry<String, Object> entry : update) {
      String field = entry.getKey();
      Object value = entry.getValue();
      if (ParseFields.ACL.equals(field)) {
        JsonObject acl = value instanceof JsonObject json ? json : new JsonObject();
        assign(PgColumn.of(schema, ParseFields.RPERM), binder.param(PgRows.readers(acl, "read"))
            + "::text[]");
        assign(PgColumn.of(schema, ParseFields.WPERM), binder.param(PgRows.readers(acl, "write"))
            + "::text[]");
      } else if ("authData".equals(field) && value instanceof JsonObject providers) {
        authData(providers);
      } else if (field.indexOf('.') > 0) {
        nested(field, value);
      } else {
        PgColumn column = PgColumn.of(schema, field);
        if (column == null) {
          continue; // note: a relation (join table) or nothing to store
        }
        assign(column, expression(column, value));
      }
    }
    return String.join(", ", assignments);
  }

  private void assign(PgColumn column, String expression) {
    assignments.add(column.quoted() + " = " + expression);
  }

  private String expression(PgColumn column, Object value) {
    String name = column.quoted();
    if (value instanceof JsonObject json && json.getValue(ParseFields.OP) instanceof String op) {
      return switch (op) {
        case "Delete" -> "NULL";
        case "Increment" -> "COALESCE(" + name + ", 0) + " + binder.param(number(json))
            + "::double precision";
        case "Add" -> "COALESCE(" + name + ", '[]'::jsonb) || " + binder.param(objects(json))
            + "::jsonb";
        case "AddUnique" -> addUnique(name, binder.param(objects(json)) + "::jsonb");
        case "Remove" -> "(SELECT COALESCE(jsonb_agg(e.value ORDER BY e.n), '[]'::jsonb) FROM "
            + "jsonb_array_elements(COALESCE(" + name + ", '[]'::jsonb)) WITH ORDINALITY "
            + "AS e(value, n) WHERE NOT " + binder.param(objects(json))
            + "::jsonb @> jsonb_build_array(e.value))";
        default -> throw ParseException.of(ParseErrorCode.COMMAND_UNAVAILABLE,
            "The %s operation is not supported yet.", op);
      };
    }
    Object sql = PgValues.toSql(column, value);
    return switch (column.kind()) {
      case GEO_POINT -> binder.param(sql) + "::point";
      case POLYGON -> binder.param(sql) + "::polygon";
      case OBJECT, ARRAY, BYTES -> binder.param(sql) + "::jsonb";
      case TEXT_ARRAY -> binder.param(sql) + "::text[]";
      case DATE -> binder.param(sql) + "::timestamptz";
      case NUMBER -> binder.param(sql) + "::double precision";
      case BOOLEAN -> binder.param(sql) + "::boolean";
      default -> binder.param(sql) + "::text";
    };
  }

  private static String addUnique(String name, String added) {
    return "COALESCE(" + name + ", '[]'::jsonb) || (SELECT COALESCE(jsonb_agg(a.value ORDER BY "
        + "a.n), '[]'::jsonb) FROM jsonb_array_elements(" + added + ") WITH ORDINALITY "
        + "AS a(value, n) WHERE NOT COALESCE(" + name + ", '[]'::jsonb) @> "
        + "jsonb_build_array(a.value))";
  }

  /** {@code authData.<provider>}: set or (null) removed, the other providers kept. */
  private void authData(JsonObject providers) {
    StringBuilder expression = new StringBuilder("COALESCE(\"authData\", '{}'::jsonb)");
    JsonObject set = new JsonObject();
    providers.forEach(e -> {
      if (e.getValue() == null) {
        expression.append(" - ").append(binder.param(e.getKey())).append("::text");
      } else {
        set.put(e.getKey(), e.getValue());
      }
    });
    if (!set.isEmpty()) {
      expression.append(" || ").append(binder.param(set)).append("::jsonb");
    }
    assignments.add("\"authData\" = " + expression);
  }

  /** {@code a.b.c} updates inside Object column {@code a}. */
  private void nested(String field, Object value) {
    int dot = field.indexOf('.');
    PgColumn column = PgColumn.of(schema, field.substring(0, dot));
    if (column == null || !column.kind().isJson()) {
      throw ParseException.of(ParseErrorCode.INVALID_NESTED_KEY, "%s is not an Object field",
          field.substring(0, dot));
    }
    String path = binder.param(field.substring(dot + 1).split("\\.")) + "::text[]";
    String current = "COALESCE(" + column.quoted() + ", '{}'::jsonb)";
    String next;
    if (value instanceof JsonObject json && json.getValue(ParseFields.OP) instanceof String op) {
      next = switch (op) {
        case "Delete" -> current + " #- " + path;
        case "Increment" -> "jsonb_set(" + current + ", " + path + ", to_jsonb(COALESCE(("
            + current + " #>> " + path + ")::double precision, 0) + " + binder.param(number(json))
            + "::double precision), true)";
        default -> throw ParseException.of(ParseErrorCode.COMMAND_UNAVAILABLE,
            "The %s operation is not supported on a nested key.", op);
      };
    } else {
      next = "jsonb_set(" + current + ", " + path + ", " + binder.param(value) + "::jsonb, true)";
    }
    // note: several paths into one column chain through one assignment
    for (int i = 0; i < assignments.size(); i++) {
      String existing = assignments.get(i);
      String prefix = column.quoted() + " = ";
      if (existing.startsWith(prefix)) {
        assignments.set(i, prefix + next.replace(current, "(" + existing.substring(
            prefix.length()) + ")"));
        return;
      }
    }
    assignments.add(column.quoted() + " = " + next);
  }

  private static Number number(JsonObject op) {
    if (!(op.getValue("amount") instanceof Number amount)) {
      throw new ParseException(ParseErrorCode.INVALID_JSON, "Increment amount must be a number");
    }
    return amount.doubleValue();
  }

  private static JsonArray objects(JsonObject op) {
    if (!(op.getValue("objects") instanceof JsonArray objects)) {
      throw new ParseException(ParseErrorCode.INVALID_JSON, "objects to add must be an array");
    }
    return objects;
  }
}
