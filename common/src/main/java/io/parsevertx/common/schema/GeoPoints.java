package io.parsevertx.common.schema;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Range and shape checks for GeoPoint and Polygon values, with Parse's error codes. */
public final class GeoPoints {

  private GeoPoints() {}

  /** Fails with 111 unless latitude is in [-90, 90] and longitude in [-180, 180]. */
  public static void validate(JsonObject point) {
    Object lat = point.getValue(ParseFields.LATITUDE);
    Object lng = point.getValue(ParseFields.LONGITUDE);
    if (!(lat instanceof Number la) || !(lng instanceof Number lo)) {
      throw new ParseException(ParseErrorCode.INCORRECT_TYPE,
          "GeoPoint needs numeric latitude and longitude");
    }
    requireInRange(la.doubleValue(), lo.doubleValue());
  }

  static void requireInRange(double latitude, double longitude) {
    if (latitude < -90 || latitude > 90) {
      throw ParseException.of(ParseErrorCode.INVALID_JSON,
          "GeoPoint latitude out of bounds: %s < -90.0 or > 90.0.", latitude);
    }
    if (longitude < -180 || longitude > 180) {
      throw ParseException.of(ParseErrorCode.INVALID_JSON,
          "GeoPoint longitude out of bounds: %s < -180.0 or > 180.0.", longitude);
    }
  }

  /** Fails with 111 unless {@code coordinates} holds at least three [lat, lng] pairs. */
  public static void validatePolygon(JsonObject polygon) {
    Object coordinates = polygon.getValue(ParseFields.COORDINATES);
    if (!(coordinates instanceof JsonArray points) || points.size() < 3) {
      throw new ParseException(ParseErrorCode.INCORRECT_TYPE,
          "Polygon must have at least 3 values");
    }
    for (Object p : points) {
      if (!(p instanceof JsonArray pair) || pair.size() != 2
          || !(pair.getValue(0) instanceof Number) || !(pair.getValue(1) instanceof Number)) {
        throw new ParseException(ParseErrorCode.INCORRECT_TYPE, "bad Polygon point: " + p);
      }
      requireInRange(pair.getDouble(0), pair.getDouble(1));
    }
  }
}
