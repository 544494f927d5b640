package io.parsevertx.common.security;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/**
 * What one caller may see and change: the master key everything; anyone else the objects whose
 * ACL names {@code *}, their user id or one of their roles - or that have no ACL. The filter is
 * part of the database query, so {@code limit}, {@code skip} and {@code count} stay right and an
 * object the caller may not read looks exactly like a missing one.
 */
public record AccessPolicy(boolean master, String userId, List<String> principals) {
  public static final AccessPolicy MASTER = new AccessPolicy(true, null, List.of());

  public AccessPolicy {
    principals = List.copyOf(principals);
  }

  /** {@code where}, narrowed to the objects this caller may read. */
  public QueryNode readable(QueryNode where) {
    return master ? where : restrict(where, ParseFields.RPERM);
  }

  /**
   * For {@code _User}: read ACLs never hide the logged-in user from itself, as in Parse Server.
   */
  public QueryNode readableUsers(QueryNode where) {
    if (master || userId == null) {
      return readable(where);
    }
    JsonArray allowed = new JsonArray().addNull();
    principals.forEach(allowed::add);
    return new QueryNode.And(List.of(where, new QueryNode.Or(List.of(
        new QueryNode.Constraint(ParseFields.RPERM, QueryOp.IN, allowed),
        new QueryNode.Constraint(ParseFields.OBJECT_ID, QueryOp.EQ, userId)))));
  }

  /** {@code where}, narrowed to the objects this caller may change or delete. */
  public QueryNode writable(QueryNode where) {
    return master ? where : restrict(where, ParseFields.WPERM);
  }

  private QueryNode restrict(QueryNode where, String permissionField) {
    JsonArray allowed = new JsonArray().addNull(); // note: no ACL at all means public
    principals.forEach(allowed::add);
    List<QueryNode> both = new ArrayList<>();
    both.add(where);
    both.add(new QueryNode.Constraint(permissionField, QueryOp.IN, allowed));
    return new QueryNode.And(both);
  }
}
