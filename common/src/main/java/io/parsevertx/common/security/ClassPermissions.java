package io.parsevertx.common.security;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.types.ParseType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Class-level permissions, checked before an operation touches the database: {@code *}, user
 * ids, {@code role:} names and {@code requiresAuthentication} grant an operation outright;
 * pointer permissions ({@code readUserFields}, {@code writeUserFields}, an operation's
 * {@code pointerFields}) grant it only on objects that point at the caller, which becomes part
 * of the query. Both these and the object's ACL must allow.
 */
public final class ClassPermissions {
  private static final Set<String> READS = Set.of("get", "find", "count");

  private ClassPermissions() {}

  /**
   * @return {@code where}, narrowed by pointer permissions when they are what grants access
   * @throws ParseException 119 when the class denies {@code operation}, 101 when it requires a
   *     logged-in user and there is none
   */
  public static QueryNode check(ClassSchema schema, String operation, AccessPolicy policy,
      QueryNode where) {
    if (policy.master()) {
      return where;
    }
    JsonObject clp = schema.classLevelPermissions();
    Object rule = clp.getValue(operation);
    if (!(rule instanceof JsonObject perms)) {
      return where;
    }
    if (policy.principals().stream().anyMatch(p -> Boolean.TRUE.equals(perms.getValue(p)))) {
      return where;
    }
    if (Boolean.TRUE.equals(perms.getValue("requiresAuthentication"))) {
      if (policy.userId() == null) {
        throw new ParseException(ParseErrorCode.OBJECT_NOT_FOUND,
            "Permission denied, user needs to be authenticated.");
      }
      return where;
    }
    List<String> fields = pointerFields(clp, perms, operation);
    if (fields.isEmpty() || "create".equals(operation) || policy.userId() == null) {
      throw ParseException.of(ParseErrorCode.OPERATION_FORBIDDEN,
          "Permission denied for action %s on class %s.", operation, schema.className());
    }
    JsonObject me = new JsonObject().put(ParseFields.TYPE, ParseType.POINTER.wireName())
        .put(ParseFields.CLASS_NAME, ClassNames.USER).put(ParseFields.OBJECT_ID, policy.userId());
    List<QueryNode> pointsAtMe = fields.stream()
        .map(f -> (QueryNode) new QueryNode.Constraint(f, QueryOp.EQ, me)).toList();
    return new QueryNode.And(List.of(where, pointsAtMe.size() == 1 ? pointsAtMe.get(0)
        : new QueryNode.Or(pointsAtMe)));
  }

  /**
   * {@code addField} while creating: pointer permissions cannot grant it, since a new object
   * points at no one yet (as Parse Server rules).
   */
  public static void checkAddFieldOnCreate(ClassSchema schema, AccessPolicy policy) {
    QueryNode where = QueryNode.matchAll();
    if (check(schema, "addField", policy, where) != where) {
      throw ParseException.of(ParseErrorCode.OPERATION_FORBIDDEN,
          "Permission denied for action addField on class %s.", schema.className());
    }
  }

  private static List<String> pointerFields(JsonObject clp, JsonObject perms, String operation) {
    Set<String> fields = new LinkedHashSet<>();
    Object userFields = clp.getValue(READS.contains(operation) ? "readUserFields"
        : "writeUserFields");
    if (userFields instanceof JsonArray array) {
      array.forEach(f -> fields.add(String.valueOf(f)));
    }
    if (perms.getValue("pointerFields") instanceof JsonArray array) {
      array.forEach(f -> fields.add(String.valueOf(f)));
    }
    return new ArrayList<>(fields);
  }
}
