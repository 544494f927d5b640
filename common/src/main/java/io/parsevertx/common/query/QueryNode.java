package io.parsevertx.common.query;

import java.util.List;

/**
 * The Parse query language as a tree: parsed once from a {@code where} object, translated by
 * each storage adapter, and (later) evaluated in memory by LiveQuery.
 */
public sealed interface QueryNode {

  /** Every child must match; an empty And matches everything. */
  record And(List<QueryNode> children) implements QueryNode {
    public And {
      children = List.copyOf(children);
    }
  }

  /**
   * One constraint on one field. {@code field} may be a dot path into an Object field;
   * {@code value} is in Parse's JSON encoding (e.g. a Date is {@code {"__type":"Date",...}}).
   */
  record Constraint(String field, QueryOp op, Object value) implements QueryNode {}

  static QueryNode matchAll() {
    return new And(List.of());
  }
}
