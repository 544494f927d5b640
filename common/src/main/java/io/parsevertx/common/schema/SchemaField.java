package io.parsevertx.common.schema;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One field of a class schema: its type, the target class of a Pointer or Relation, and the
 * field options ({@code required}, {@code defaultValue}) that Parse keeps beside it.
 */
public record SchemaField(FieldType type, String targetClass, JsonObject options) {

  public SchemaField {
    Objects.requireNonNull(type, "type");
    options = options == null ? new JsonObject() : options;
  }

  public static SchemaField of(FieldType type) {
    return new SchemaField(type, null, null);
  }

  public static SchemaField pointerTo(String targetClass) {
    return new SchemaField(FieldType.POINTER, targetClass, null);
  }

  public static SchemaField relationTo(String targetClass) {
    return new SchemaField(FieldType.RELATION, targetClass, null);
  }

  /** True when a value of {@code other}'s type may be stored in this field. */
  public boolean accepts(SchemaField other) {
    return type == other.type && Objects.equals(targetClass, other.targetClass);
  }

  /** How {@code /schemas} and error messages spell this type, e.g. {@code Pointer<_User>}. */
  public String describe() {
    return targetClass == null ? type.parseName() : type.parseName() + "<" + targetClass + ">";
  }

  /** {@code {"type":"Pointer","targetClass":"_User"}} as {@code /schemas} shows it. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("type", type.parseName());
    if (targetClass != null) {
      json.put("targetClass", targetClass);
    }
    return json.mergeIn(options.copy());
  }
}
