package io.parsevertx.common.query;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns a Parse {@code where} object into a {@link QueryNode}, refusing what it cannot run. */
public final class WhereParser {
  private static final Pattern KEY = Pattern.compile("^[A-Za-z_][0-9A-Za-z_]*(\\.[A-Za-z0-9_]+)*$");

  private WhereParser() {}

  /**
   * Parses {@code where}; null means "match everything".
   *
   * @throws ParseException 105 for an invalid key name, 102 for an unknown or malformed operator
   */
  public static QueryNode parse(JsonObject where) {
    if (where == null) {
      return QueryNode.matchAll();
    }
    List<QueryNode> constraints = new ArrayList<>();
    for (Map.Entry<String, Object> entry : where) {
      String field = entry.getKey();
      if (!KEY.matcher(field).matches()) {
        throw ParseException.of(ParseErrorCode.INVALID_KEY_NAME, "Invalid key name: %s", field);
      }
      addConstraints(constraints, field, entry.getValue());
    }
    return constraints.size() == 1 ? constraints.get(0) : new QueryNode.And(constraints);
  }

  private static void addConstraints(List<QueryNode> out, String field, Object value) {
    if (!isOperatorObject(value)) {
      out.add(new QueryNode.Constraint(field, QueryOp.EQ, value));
      return;
    }
    for (Map.Entry<String, Object> op : (JsonObject) value) {
      QueryOp queryOp = QueryOp.fromWireName(op.getKey());
      if (queryOp == null) {
        throw ParseException.of(ParseErrorCode.INVALID_QUERY, "bad constraint: %s", op.getKey());
      }
      out.add(new QueryNode.Constraint(field, queryOp, checkOperand(field, queryOp, op.getValue())));
    }
  }

  /** An object whose keys all start with '$' holds operators; any other object is a value. */
  private static boolean isOperatorObject(Object value) {
    if (!(value instanceof JsonObject json) || json.isEmpty()
        || json.containsKey(ParseFields.TYPE)) {
      return false;
    }
    return json.fieldNames().stream().allMatch(k -> k.startsWith("$"));
  }

  private static Object checkOperand(String field, QueryOp op, Object operand) {
    switch (op) {
      case IN, NIN -> {
        if (!(operand instanceof JsonArray)) {
          throw ParseException.of(ParseErrorCode.INVALID_QUERY, "bad %s value for %s",
              op.wireName(), field);
        }
      }
      case EXISTS -> {
        if (!(operand instanceof Boolean)) {
          throw ParseException.of(ParseErrorCode.INVALID_QUERY, "bad $exists value for %s: %s",
              field, operand);
        }
      }
      default -> { }
    }
    return operand;
  }
}
