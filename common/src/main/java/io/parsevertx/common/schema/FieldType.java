package io.parsevertx.common.schema;

import io.parsevertx.common.Enums;

/** The field types of a Parse class schema, by the names {@code /schemas} uses. */
public enum FieldType {
  STRING("String"),
  NUMBER("Number"),
  BOOLEAN("Boolean"),
  DATE("Date"),
  OBJECT("Object"),
  ARRAY("Array"),
  POINTER("Pointer"),
  RELATION("Relation"),
  FILE("File"),
  GEO_POINT("GeoPoint"),
  POLYGON("Polygon"),
  BYTES("Bytes"),
  ACL("ACL");

  private final String parseName;

  FieldType(String parseName) {
    this.parseName = parseName;
  }

  public String parseName() {
    return parseName;
  }

  public boolean needsTargetClass() {
    return this == POINTER || this == RELATION;
  }

  /** The type named in a schema, or null when the name is unknown. */
  public static FieldType fromParseName(String name) {
    return Enums.byName(values(), FieldType::parseName, name);
  }
}
