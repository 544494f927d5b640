package io.parsevertx.common.types;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parse's date format: ISO-8601 in UTC with exactly three fraction digits. */
public final class ParseDates {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ParseDates() {}

  public static String format(Instant instant) {
    return FORMAT.format(instant);
  }

  /** Parses an ISO-8601 date with or without offset; fails with 107 on anything else. */
  public static Instant parse(String iso) {
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException | NullPointerException e) {
      try {
        return Instant.parse(iso + "Z");
      } catch (DateTimeParseException | NullPointerException e2) {
        throw ParseException.of(ParseErrorCode.INVALID_JSON, "invalid date: %s", iso);
      }
    }
  }

  /** {@code {"__type":"Date","iso":...}}. */
  public static JsonObject toJson(Instant instant) {
    return new JsonObject().put(ParseFields.TYPE, ParseType.DATE.wireName())
        .put(ParseFields.ISO, format(instant));
  }
}
