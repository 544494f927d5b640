package io.parsevertx.common.query;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The paging and projection parameters of a find: {@code order}, {@code limit}, {@code skip},
 * {@code keys}, {@code count}. Built from query-string values (strings) or a JSON body alike.
 */
public record FindOptions(List<SortKey> order, int limit, int skip, List<String> keys,
    boolean count) {
  public static final int DEFAULT_LIMIT = 100;

  public FindOptions {
    order = List.copyOf(order);
    keys = keys == null ? null : List.copyOf(keys);
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
    Object count = params.getValue("count");
    boolean wantsCount = count != null && (count.equals(1) || "1".equals(count)
        || Boolean.TRUE.equals(count) || "true".equals(count));
    return new FindOptions(splitList(params.getValue("order")).stream().map(SortKey::parse)
        .toList(), limit, skip, params.containsKey("keys")
        ? splitList(params.getValue("keys")) : null, wantsCount);
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
