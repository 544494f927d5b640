package io.parsevertx.common.query;

import java.util.List;

/**
 * The Parse query language as a tree: parsed once from a {@code where} object, translated by
 * each storage adapter, and evaluated in memory by {@link QueryMatcher} (LiveQuery, parity
 * tests). Sub-queries ({@code $inQuery}, {@code $select}, {@code $relatedTo}) are resolved by
 * data-service into plain constraints before a query reaches storage.
 */
public sealed interface QueryNode {

  /** Every child must match; an empty And matches everything. */
  record And(List<QueryNode> children) implements QueryNode {
    public And {
      children = List.copyOf(children);
    }
  }

  /** At least one child must match. */
  record Or(List<QueryNode> children) implements QueryNode {
    public Or {
      children = List.copyOf(children);
    }
  }

  /** No child may match. */
  record Nor(List<QueryNode> children) implements QueryNode {
    public Nor {
      children = List.copyOf(children);
    }
  }

  /**
   * One constraint on one field. {@code field} may be a dot path into an Object field;
   * {@code value} is in Parse's JSON encoding (e.g. a Date is {@code {"__type":"Date",...}}) or,
   * for operators with structured operands, one of {@link QueryOperands}' records.
   */
  record Constraint(String field, QueryOp op, Object value) implements QueryNode {}

  /** Objects that are in relation {@code key} of the object {@code ownerClass/ownerId}. */
  record RelatedTo(String ownerClass, String ownerId, String key) implements QueryNode {}

  static QueryNode matchAll() {
    return new And(List.of());
  }
}
