package io.parsevertx.common;

import java.util.function.Function;

/** Looks enum constants up by the names they carry on the wire. */
public final class Enums {

  private Enums() {}

  /** The constant whose {@code name} equals {@code wanted}, or null. */
  public static <E extends Enum<E>> E byName(E[] values, Function<E, String> name,
      String wanted) {
    for (E value : values) {
      if (name.apply(value).equals(wanted)) {
        return value;
      }
    }
    return null;
  }
}
