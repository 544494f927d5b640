package io.parsevertx.storage.postgres;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import java.util.regex.Pattern;

/**
 * Identifiers in SQL. Values always travel as bound parameters; the only names written into a
 * statement are class, field and index names, and each passes this strict check first, so no
 * class name, field name, dot path, order key or index name can inject SQL.
 */
final class PgNames {
  /** Parse's class and field names, join tables ({@code _Join:field:Class}) and index names. */
  private static final Pattern SAFE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_:]{0,127}$");

  private PgNames() {}

  /** The quoted identifier; fails with 105 for anything but a plain name. */
  static String quote(String name) {
    if (name == null || !SAFE.matcher(name).matches()) {
      throw ParseException.of(ParseErrorCode.INVALID_KEY_NAME, "Invalid field name: %s.",
          name);
    }
    return '"' + name + '"';
  }

  static String joinTable(String field, String ownerClass) {
    return "_Join:" + field + ":" + ownerClass;
  }
}
