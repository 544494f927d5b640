package io.parsevertx.common.types;

import io.parsevertx.common.Enums;

/** The {@code __type} names of Parse's typed JSON values. */
public enum ParseType {
  DATE("Date"),
  POINTER("Pointer"),
  RELATION("Relation"),
  FILE("File"),
  GEO_POINT("GeoPoint"),
  POLYGON("Polygon"),
  BYTES("Bytes"),
  OBJECT("Object");

  private final String wireName;

  ParseType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The type named by a {@code __type} value, or null when the name is not a Parse type. */
  public static ParseType fromWireName(String name) {
    return Enums.byName(values(), ParseType::wireName, name);
  }
}
