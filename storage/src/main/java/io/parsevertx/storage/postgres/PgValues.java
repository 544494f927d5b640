package io.parsevertx.storage.postgres;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.common.types.ParseType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.data.Point;
import io.vertx.pgclient.data.Polygon;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Single values between Parse's JSON encoding and the column types of Parse Server's PostgreSQL
 * layout: dates as {@code timestamptz}, pointers and files as their id or name, geo points as
 * {@code point(longitude, latitude)}, polygons with (longitude, latitude) vertices, objects
 * and arrays as {@code jsonb} holding Parse's own encoding.
 */
final class PgValues {

  private PgValues() {}

  /** The value to bind for {@code column}; null stays null. */
  static Object toSql(PgColumn column, Object value) {
    if (value == null) {
      return null;
    }
    try {
      return switch (column.kind()) {
        case TEXT -> value instanceof String s ? s : String.valueOf(value);
        case NUMBER -> value instanceof Number n ? n.doubleValue() : value;
        case BOOLEAN -> value;
        case DATE -> timestamp(value);
        case POINTER -> value instanceof JsonObject json ? json.getString(ParseFields.OBJECT_ID)
            : value;
        case FILE -> value instanceof JsonObject json ? json.getString(ParseFields.NAME) : value;
        case GEO_POINT -> point((JsonObject) value);
        case POLYGON -> polygon(((JsonObject) value).getJsonArray(ParseFields.COORDINATES));
        case OBJECT, ARRAY, BYTES -> value;
        case TEXT_ARRAY -> ((JsonArray) value).stream().map(String::valueOf)
            .toArray(String[]::new);
      };
    } catch (ClassCastException | NullPointerException e) {
      throw ParseException.of(ParseErrorCode.INCORRECT_TYPE, "invalid value for %s",
          column.name());
    }
  }

  static OffsetDateTime timestamp(Object value) {
    String iso = value instanceof JsonObject json ? json.getString(ParseFields.ISO)
        : String.valueOf(value);
    return ParseDates.parse(iso).atOffset(ZoneOffset.UTC);
  }

  static Point point(JsonObject geoPoint) {
    return new Point(((Number) geoPoint.getValue(ParseFields.LONGITUDE)).doubleValue(),
        ((Number) geoPoint.getValue(ParseFields.LATITUDE)).doubleValue());
  }

  /** Parse's {@code [[lat, lng], ...]} as a polygon of (longitude, latitude) points. */
  static Polygon polygon(JsonArray latLngs) {
    List<Point> points = new ArrayList<>();
    latLngs.forEach(pair -> {
      JsonArray latLng = (JsonArray) pair;
      points.add(new Point(((Number) latLng.getValue(1)).doubleValue(),
          ((Number) latLng.getValue(0)).doubleValue()));
    });
    return new Polygon(points);
  }

  /** A stored value back to Parse's encoding. */
  static Object toParse(PgColumn column, Object value) {
    if (value == null) {
      return null;
    }
    return switch (column.kind()) {
      case DATE -> ParseDates.toJson(instant(value));
      case POINTER -> new JsonObject().put(ParseFields.TYPE, ParseType.POINTER.wireName())
          .put(ParseFields.CLASS_NAME, column.targetClass()).put(ParseFields.OBJECT_ID, value);
      case FILE -> new JsonObject().put(ParseFields.TYPE, ParseType.FILE.wireName())
          .put(ParseFields.NAME, value);
      case GEO_POINT -> new JsonObject().put(ParseFields.TYPE, ParseType.GEO_POINT.wireName())
          .put(ParseFields.LATITUDE, ((Point) value).getY())
          .put(ParseFields.LONGITUDE, ((Point) value).getX());
      case POLYGON -> {
        JsonArray coordinates = new JsonArray();
        ((Polygon) value).getPoints().forEach(p -> coordinates.add(new JsonArray()
            .add(p.getY()).add(p.getX())));
        yield new JsonObject().put(ParseFields.TYPE, ParseType.POLYGON.wireName())
            .put(ParseFields.COORDINATES, coordinates);
      }
      case NUMBER -> value instanceof Double d && d == Math.rint(d) && !d.isInfinite()
          && Math.abs(d) < 1e15 ? (Object) d.longValue() : value;
      case TEXT_ARRAY -> new JsonArray(List.of((Object[]) value));
      default -> value;
    };
  }

  static Instant instant(Object value) {
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof java.time.LocalDateTime local) {
      return local.toInstant(ZoneOffset.UTC);
    }
    return Instant.from((TemporalAccessor) value);
  }
}
