package io.parsevertx.push.sending;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.types.ParseDates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A {@code POST /push} body, checked: {@code where} or {@code channels} (not both), {@code data},
 * {@code push_time}, and {@code expiration_time} or {@code expiration_interval}.
 *
 * @param where the installation query, channels turned into {@code {"channels":{"$in":[...]}}}
 * @param data what the devices receive
 * @param pushTime when to send, or null for now
 * @param expirationTime when the notification stops being worth delivering (ms), or null
 * @param expirationInterval seconds after the send time it expires, or null
 */
public record PushRequest(JsonObject where, JsonObject data, Instant pushTime,
    Long expirationTime, Long expirationInterval) {

  /** @throws ParseException 115 for a wrong body, 152 for a wrong push_time */
  public static PushRequest parse(JsonObject body) {
    Object where = body.getValue("where");
    Object channels = body.getValue("channels");
    if (where != null && channels != null) {
      throw misconfigured("Channels and query can not be set at the same time.");
    }
    JsonObject query;
    if (where instanceof JsonObject w) {
      query = w;
    } else if (channels instanceof JsonArray list) {
      query = new JsonObject().put("channels", new JsonObject().put("$in", list));
    } else if (where == null && channels == null) {
      throw misconfigured("Sending a push requires either \"channels\" or a \"where\" query.");
    } else {
      throw misconfigured("where must be an object and channels an array.");
    }
    if (!(body.getValue("data") instanceof JsonObject data)) {
      throw misconfigured("Sending a push requires \"data\".");
    }
    if (body.containsKey("expiration_time") && body.containsKey("expiration_interval")) {
      throw misconfigured("Both expiration_time and expiration_interval cannot be set.");
    }
    return new PushRequest(query, data, pushTime(body.getValue("push_time")),
        expirationTime(body.getValue("expiration_time")),
        expirationInterval(body.getValue("expiration_interval")));
  }

  /** The moment it expires, for a send starting at {@code sendTime}; null if never. */
  public Long expiresAt(Instant sendTime) {
    if (expirationInterval != null) {
      return sendTime.toEpochMilli() + expirationInterval * 1000;
    }
    return expirationTime;
  }

  /** Accepts a date string (ISO 8601), a Parse Date, or seconds since the epoch. */
  private static Instant pushTime(Object value) {
    if (value == null) {
      return null;
    }
    Instant time = instant(value);
    if (time == null) {
      throw new ParseException(ParseErrorCode.INVALID_PUSH_TIME_ERROR,
          "push_time must be a date string or a number of seconds since the epoch.");
    }
    return time;
  }

  private static Long expirationTime(Object value) {
    if (value == null) {
      return null;
    }
    Instant time = instant(value);
    if (time == null) {
      throw misconfigured("expiration_time must be a date string or a number of seconds.");
    }
    return time.toEpochMilli();
  }

  private static Long expirationInterval(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || n.doubleValue() <= 0
        || n.doubleValue() != Math.floor(n.doubleValue())) {
      throw misconfigured("expiration_interval must be a number greater than 0.");
    }
    return n.longValue();
  }

  private static Instant instant(Object value) {
    try {
      if (value instanceof Number seconds) {
        return Instant.ofEpochMilli((long) (seconds.doubleValue() * 1000));
      }
      if (value instanceof JsonObject date && date.getValue("iso") instanceof String iso) {
        return ParseDates.parse(iso);
      }
      if (value instanceof String text) {
        return text.length() == 10 ? java.time.LocalDate.parse(text)
            .atStartOfDay(java.time.ZoneOffset.UTC).toInstant() : java.time.OffsetDateTime
            .parse(text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$") ? text
                : text + "Z").toInstant();
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }

  private static ParseException misconfigured(String message) {
    return new ParseException(ParseErrorCode.PUSH_MISCONFIGURED, message);
  }
}
