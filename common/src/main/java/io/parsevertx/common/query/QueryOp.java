package io.parsevertx.common.query;

import io.parsevertx.common.Enums;

/** Constraint operators of the Parse query language, by their wire names. */
public enum QueryOp {
  EQ("$eq"),
  NE("$ne"),
  LT("$lt"),
  LTE("$lte"),
  GT("$gt"),
  GTE("$gte"),
  IN("$in"),
  NIN("$nin"),
  EXISTS("$exists");

  private final String wireName;

  QueryOp(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The operator with this wire name, or null when the language has none. */
  public static QueryOp fromWireName(String name) {
    return Enums.byName(values(), QueryOp::wireName, name);
  }
}
