package io.parsevertx.common.query;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.QueryOperands.Regex;
import io.parsevertx.common.query.QueryOperands.Select;
import io.parsevertx.common.query.QueryOperands.SubQuery;
import io.parsevertx.common.types.ParseType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a Parse {@code where} object into a {@link QueryNode}, refusing what it cannot run with
 * a message naming the problem: 105 for a bad key, 102 for a bad operator or operand.
 */
public final class WhereParser {
  /** How deep {@code $or}/{@code $and}/{@code $nor} may nest by default. */
  public static final int DEFAULT_MAX_DEPTH = 10;
  /** How deep {@code $inQuery}/{@code $select} may nest by default. */
  public static final int DEFAULT_MAX_SUBQUERY_DEPTH = 5;
  private static final Pattern KEY = Pattern.compile("^[A-Za-z_][0-9A-Za-z_]*(\\.[A-Za-z0-9_]+)*$");
  private static final Set<String> MODIFIERS = Set.of("$options", "$maxDistance",
      "$maxDistanceInRadians", "$maxDistanceInMiles", "$maxDistanceInKilometers");

  private final int maxDepth;
  private final int maxSubqueryDepth;
  private int subqueryDepth;

  private WhereParser(int maxDepth, int maxSubqueryDepth) {
    this.maxDepth = maxDepth;
    this.maxSubqueryDepth = maxSubqueryDepth;
  }

  /** Parses {@code where} with the default nesting limits; null matches everything. */
  public static QueryNode parse(JsonObject where) {
    return parse(where, DEFAULT_MAX_DEPTH, DEFAULT_MAX_SUBQUERY_DEPTH);
  }

  /**
   * Parses {@code where}.
   *
   * @param maxDepth how deep {@code $or}/{@code $and}/{@code $nor} may nest
   * @param maxSubqueryDepth how deep {@code $inQuery}/{@code $select} may nest
   * @throws ParseException 105 for an invalid key name, 102 for an unknown or malformed operator
   *     or a query nested deeper than allowed
   */
  public static QueryNode parse(JsonObject where, int maxDepth, int maxSubqueryDepth) {
    return new WhereParser(maxDepth, maxSubqueryDepth).node(where, 0);
  }

  private QueryNode node(JsonObject where, int depth) {
    if (where == null) {
      return QueryNode.matchAll();
    }
    if (depth > maxDepth) {
      throw ParseException.of(ParseErrorCode.INVALID_QUERY,
          "Query is nested too deeply (more than %d levels).", maxDepth);
    }
    List<QueryNode> parts = new ArrayList<>();
    for (Map.Entry<String, Object> entry : where) {
      String key = entry.getKey();
      switch (key) {
        case "$or" -> parts.add(new QueryNode.Or(children(key, entry.getValue(), depth)));
        case "$and" -> parts.add(new QueryNode.And(children(key, entry.getValue(), depth)));
        case "$nor" -> parts.add(new QueryNode.Nor(children(key, entry.getValue(), depth)));
        case "$relatedTo" -> parts.add(relatedTo(entry.getValue()));
        default -> {
          if (!KEY.matcher(key).matches()) {
            throw ParseException.of(ParseErrorCode.INVALID_KEY_NAME, "Invalid key name: %s", key);
          }
          addConstraints(parts, key, entry.getValue(), depth);
        }
      }
    }
    return parts.size() == 1 ? parts.get(0) : new QueryNode.And(parts);
  }

  private List<QueryNode> children(String op, Object value, int depth) {
    if (!(value instanceof JsonArray array) || array.isEmpty()) {
      throw ParseException.of(ParseErrorCode.INVALID_QUERY, "Bad %s format - use an array value.",
          op);
    }
    List<QueryNode> children = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof JsonObject clause)) {
        throw ParseException.of(ParseErrorCode.INVALID_QUERY, "Bad %s format - use an array of "
            + "query objects.", op);
      }
      children.add(node(clause, depth + 1));
    }
    return children;
  }

  private static QueryNode relatedTo(Object value) {
    if (value instanceof JsonObject json && json.getValue("object") instanceof JsonObject object
        && ParseType.POINTER.wireName().equals(object.getValue(ParseFields.TYPE))
        && object.getValue(ParseFields.CLASS_NAME) instanceof String className
        && object.getValue(ParseFields.OBJECT_ID) instanceof String objectId
        && json.getValue("key") instanceof String key) {
      return new QueryNode.RelatedTo(className, objectId, key);
    }
    if (value instanceof JsonObject json && json.getValue("object") instanceof JsonObject object
        && !(object.getValue(ParseFields.OBJECT_ID) instanceof String)) {
      throw new ParseException(ParseErrorCode.MISSING_OBJECT_ID,
          "$relatedTo needs the objectId of the object whose relation is queried");
    }
    throw new ParseException(ParseErrorCode.INVALID_QUERY,
        "bad $relatedTo: needs an object pointer and a key");
  }

  private void addConstraints(List<QueryNode> out, String field, Object value, int depth) {
    if (!isOperatorObject(value)) {
      out.add(new QueryNode.Constraint(field, QueryOp.EQ, value));
      return;
    }
    JsonObject ops = (JsonObject) value;
    for (Map.Entry<String, Object> op : ops) {
      if (MODIFIERS.contains(op.getKey())) {
        continue; // note: read together with the operator they modify
      }
      QueryOp queryOp = QueryOp.fromWireName(op.getKey());
      if (queryOp == null) {
        throw ParseException.of(ParseErrorCode.INVALID_QUERY, "bad constraint: %s", op.getKey());
      }
      out.add(new QueryNode.Constraint(field, queryOp,
          operand(field, queryOp, op.getValue(), ops, depth)));
    }
    requireModifierOwner(ops, "$options", "$regex");
    for (String distance : List.of("$maxDistance", "$maxDistanceInRadians",
        "$maxDistanceInMiles", "$maxDistanceInKilometers")) {
      requireModifierOwner(ops, distance, "$nearSphere");
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

  private Object operand(String field, QueryOp op, Object operand, JsonObject ops, int depth) {
    return switch (op) {
      case IN, NIN, ALL, CONTAINED_BY -> requireArray(field, op, operand);
      case EXISTS -> {
        if (!(operand instanceof Boolean)) {
          throw ParseException.of(ParseErrorCode.INVALID_QUERY, "bad $exists value for %s: %s",
              field, operand);
        }
        yield operand;
      }
      case REGEX -> regex(field, operand, ops.getValue("$options"));
      case IN_QUERY, NOT_IN_QUERY -> subQuery(op, operand, depth);
      case SELECT, DONT_SELECT -> select(op, operand, depth);
      case NEAR_SPHERE, WITHIN, GEO_WITHIN, GEO_INTERSECTS -> GeoOperands.parse(op, operand, ops);
      case TEXT -> TextOperands.parse(operand);
      default -> operand;
    };
  }

  private static JsonArray requireArray(String field, QueryOp op, Object operand) {
    if (!(operand instanceof JsonArray array)) {
      throw ParseException.of(ParseErrorCode.INVALID_QUERY, "bad %s value for %s",
          op.wireName(), field);
    }
    return array;
  }

  private static Regex regex(String field, Object pattern, Object options) {
    if (!(pattern instanceof String p)) {
      throw ParseException.of(ParseErrorCode.INVALID_QUERY, "bad $regex: %s", pattern);
    }
    String opts = options == null ? "" : options.toString();
    if (!opts.matches("^[imxs]*$")) {
      throw ParseException.of(ParseErrorCode.INVALID_QUERY, "bad $options value for %s: %s",
          field, opts);
    }
    try {
      Pattern.compile(p);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw ParseException.of(ParseErrorCode.INVALID_QUERY, "bad $regex: %s", e.getDescription());
    }
    return new Regex(p, opts);
  }

  private SubQuery subQuery(QueryOp op, Object operand, int depth) {
    if (operand instanceof JsonObject json && json.getValue("className") instanceof String cls) {
      Object where = json.getValue("where");
      if (where == null || where instanceof JsonObject) {
        if (++subqueryDepth > maxSubqueryDepth) {
          throw ParseException.of(ParseErrorCode.INVALID_QUERY,
              "Sub-queries are nested too deeply (more than %d levels).", maxSubqueryDepth);
        }
        try {
          return new SubQuery(cls, node((JsonObject) where, depth));
        } finally {
          subqueryDepth--;
        }
      }
    }
    throw ParseException.of(ParseErrorCode.INVALID_QUERY,
        "improper usage of %s: needs className and where", op.wireName());
  }

  private Select select(QueryOp op, Object operand, int depth) {
    if (operand instanceof JsonObject json && json.getValue("key") instanceof String key
        && json.getValue("query") instanceof JsonObject query) {
      return new Select(subQuery(op, query, depth), key);
    }
    throw ParseException.of(ParseErrorCode.INVALID_QUERY,
        "improper usage of %s: needs query and key", op.wireName());
  }

  private static void requireModifierOwner(JsonObject ops, String modifier, String owner) {
    if (ops.containsKey(modifier) && !ops.containsKey(owner)) {
      throw ParseException.of(ParseErrorCode.INVALID_QUERY, "bad constraint: %s without %s",
          modifier, owner);
    }
  }
}
