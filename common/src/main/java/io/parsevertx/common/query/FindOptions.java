package io.parsevertx.common.query;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The paging and projection parameters of a find: {@code order}, {@code limit}, {@code skip},
 * {@code keys}, {@code count}, and the database hints {@code hint} (an index name or key
 * object), {@code readPreference} and {@code explain}. Built from query-string values (strings)
 * or a JSON body alike.
 */
public record FindOptions(List<SortKey> order, int limit, int skip, List<String> keys,
    boolean count, Object hint, String readPreference, boolean explain) {
  public static final int DEFAULT_LIMIT = 100;
  public static final List<String> READ_PREFERENCES = List.of("PRIMARY", "PRIMARY_PREFERRED",
      "SECONDARY", "SECONDARY_PREFERRED", "NEAREST");

  public FindOptions {
    order = List.copyOf(order);
    keys = keys == null ? null : List.copyOf(keys);
  }

  public FindOptions(List<SortKey> order, int limit, int skip, List<String> keys,
      boolean count) {
    this(order, limit, skip, keys, count, null, null, false);
  }

  /**
   * Reads the options from request parameters.
   *
   * @param maxLimit the server's cap on {@code limit}, or a negative number for none
   * @throws ParseException 117 for a non-numeric or negative limit, 118 for such a skip
   */
  public static FindOptions fromParams(JsonObject params, int maxLimit) {
    int limit = intParam(params, "limit", DEFAULT_LIMIT, ParseErrorCode.INVALID_LIMIT);
    if (maxLimit >= 0 && limit > maxLimit) {
      limit = maxLimit;
    }
    int skip = intParam(params, "skip", 0, ParseErrorCode.INVALID_SKIP);
    boolean wantsCount = truthy(params.getValue("count"));
    return new FindOptions(splitList(params.getValue("order")).stream().map(SortKey::parse)
        .toList(), limit, skip, params.containsKey("keys")
        ? splitList(params.getValue("keys")) : null, wantsCount, hint(params.getValue("hint")),
        readPreference(params.getValue("readPreference")), truthy(params.getValue("explain")));
  }

  private static Object hint(Object raw) {
    if (raw == null || raw instanceof JsonObject) {
      return raw;
    }
    String text = raw.toString().trim();
    if (text.startsWith("{")) {
      try {
        return new JsonObject(text);
      } catch (io.vertx.core.json.DecodeException e) {
        throw new ParseException(ParseErrorCode.INVALID_JSON, "hint must be an index name or "
            + "a JSON object of keys");
      }
    }
    return text;
  }

  private static String readPreference(Object raw) {
    if (raw == null) {
      return null;
    }
    String value = raw.toString().toUpperCase(java.util.Locale.ROOT);
    if (!READ_PREFERENCES.contains(value)) {
      throw ParseException.of(ParseErrorCode.INVALID_QUERY, "Invalid read preference: %s", raw);
    }
    return value;
  }

  private static boolean truthy(Object raw) {
    return raw != null && (Boolean.TRUE.equals(raw) || "true".equals(raw) || "1".equals(raw)
        || Integer.valueOf(1).equals(raw));
  }

  private static int intParam(JsonObject params, String name, int fallback,
      ParseErrorCode code) {
    Object raw = params.getValue(name);
    if (raw == null) {
      return fallback;
    }
    try {
      int value = raw instanceof Number n ? n.intValue() : Integer.parseInt(raw.toString().trim());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw ParseException.of(code, "Invalid %s: %s", name, raw);
    }
  }

  private static List<String> splitList(Object raw) {
    List<String> items = new ArrayList<>();
    if (raw == null) {
      return items;
    }
    for (String part : raw.toString().split(",")) {
      if (!part.isBlank()) {
        items.add(part.trim());
      }
    }
    return items;
  }
}
