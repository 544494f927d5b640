package io.parsevertx.common.options;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes as parse-server writes them: {@code 20mb}, {@code 512kb}, {@code 1gb}, bytes. */
public final class ByteSizes {
  private static final Pattern SIZE = Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*(b|kb|mb|gb)?$");

  private ByteSizes() {}

  /** @throws IllegalArgumentException when {@code text} is not a size */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("must be a size like 20mb, 512kb or 1048576");
    }
    double number = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    long factor = switch (unit) {
      case "kb" -> 1024L;
      case "mb" -> 1024L * 1024;
      case "gb" -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    return (long) (number * factor);
  }
}
