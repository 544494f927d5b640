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
  EXISTS("$exists"),
  ALL("$all"),
  CONTAINED_BY("$containedBy"),
  REGEX("$regex"),
  SELECT("$select"),
  DONT_SELECT("$dontSelect"),
  IN_QUERY("$inQuery"),
  NOT_IN_QUERY("$notInQuery"),
  NEAR_SPHERE("$nearSphere"),
  WITHIN("$within"),
  GEO_WITHIN("$geoWithin"),
  GEO_INTERSECTS("$geoIntersects"),
  TEXT("$text");

  private final String wireName;

  QueryOp(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** True for operators that name another query, resolved before storage sees them. */
  public boolean isSubQuery() {
    return this == SELECT || this == DONT_SELECT || this == IN_QUERY || this == NOT_IN_QUERY;
  }

  /** The operator with this wire name, or null when the language has none. */
  public static QueryOp fromWireName(String name) {
    return Enums.byName(values(), QueryOp::wireName, name);
  }
}
