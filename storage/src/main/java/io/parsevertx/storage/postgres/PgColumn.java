package io.parsevertx.storage.postgres;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One column of a class table in Parse Server's PostgreSQL layout: its SQL type and how its
 * values are stored. {@code ACL} becomes the {@code _rperm}/{@code _wperm} text arrays;
 * {@code authData} one jsonb column; relations have no column (they live in join tables).
 */
record PgColumn(String name, Kind kind, String targetClass) {

  enum Kind {
    TEXT("text"), NUMBER("double precision"), BOOLEAN("boolean"),
    DATE("timestamp with time zone"), POINTER("text"), FILE("text"), GEO_POINT("point"),
    POLYGON("polygon"), OBJECT("jsonb"), ARRAY("jsonb"), BYTES("jsonb"), TEXT_ARRAY("text[]");

    private final String sqlType;

    Kind(String sqlType) {
      this.sqlType = sqlType;
    }

    String sqlType() {
      return sqlType;
    }

    boolean isJson() {
      return this == OBJECT || this == ARRAY || this == BYTES;
    }
  }

  /** Internal fields of {@code _User} that Parse Server's adapter creates with the table. */
  static final Map<String, Kind> USER_INTERNAL = internalUserColumns();

  private static Map<String, Kind> internalUserColumns() {
    Map<String, Kind> columns = new LinkedHashMap<>();
    columns.put("_hashed_password", Kind.TEXT);
    columns.put("_email_verify_token_expires_at", Kind.DATE);
    columns.put("_email_verify_token", Kind.TEXT);
    columns.put("_account_lockout_expires_at", Kind.DATE);
    columns.put("_failed_login_count", Kind.NUMBER);
    columns.put("_perishable_token", Kind.TEXT);
    columns.put("_perishable_token_expires_at", Kind.DATE);
    columns.put("_password_changed_at", Kind.DATE);
    columns.put("_password_history", Kind.ARRAY);
    return columns;
  }

  String quoted() {
    return PgNames.quote(name);
  }

  /** The column of a top-level Parse field, or null for a relation or an unknown field. */
  static PgColumn of(ClassSchema schema, String field) {
    if (ParseFields.RPERM.equals(field) || ParseFields.WPERM.equals(field)) {
      return new PgColumn(field, Kind.TEXT_ARRAY, null);
    }
    if (ClassNames.USER.equals(schema.className()) && USER_INTERNAL.containsKey(field)) {
      return new PgColumn(field, USER_INTERNAL.get(field), null);
    }
    SchemaField type = schema.field(field);
    if (type == null) {
      return "authData".equals(field) ? new PgColumn(field, Kind.OBJECT, null) : null;
    }
    Kind kind = kindOf(type.type());
    return kind == null ? null : new PgColumn(field, kind, type.targetClass());
  }

  static Kind kindOf(FieldType type) {
    return switch (type) {
      case STRING -> Kind.TEXT;
      case NUMBER -> Kind.NUMBER;
      case BOOLEAN -> Kind.BOOLEAN;
      case DATE -> Kind.DATE;
      case OBJECT -> Kind.OBJECT;
      case ARRAY -> Kind.ARRAY;
      case POINTER -> Kind.POINTER;
      case FILE -> Kind.FILE;
      case GEO_POINT -> Kind.GEO_POINT;
      case POLYGON -> Kind.POLYGON;
      case BYTES -> Kind.BYTES;
      case RELATION, ACL -> null;
    };
  }

  /** Every column of the class's table, in Parse Server's order of creation. */
  static Map<String, PgColumn> columnsOf(ClassSchema schema) {
    Map<String, PgColumn> columns = new LinkedHashMap<>();
    schema.fields().keySet().forEach(field -> {
      PgColumn column = of(schema, field);
      if (column != null) {
        columns.put(field, column);
      }
    });
    columns.put(ParseFields.WPERM, of(schema, ParseFields.WPERM));
    columns.put(ParseFields.RPERM, of(schema, ParseFields.RPERM));
    if (ClassNames.USER.equals(schema.className())) {
      USER_INTERNAL.forEach((name, kind) -> columns.put(name, new PgColumn(name, kind, null)));
      columns.putIfAbsent("authData", new PgColumn("authData", Kind.OBJECT, null));
    }
    return columns;
  }
}
