package io.parsevertx.common.query;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.QueryOperands.Box;
import io.parsevertx.common.query.QueryOperands.CenterSphere;
import io.parsevertx.common.query.QueryOperands.Intersects;
import io.parsevertx.common.query.QueryOperands.NearSphere;
import io.parsevertx.common.query.QueryOperands.Point;
import io.parsevertx.common.query.QueryOperands.PolygonArea;
import io.parsevertx.common.types.ParseType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Parses the operands of Parse's geo operators into {@link QueryOperands} records. */
final class GeoOperands {
  /** Earth radii Parse divides by to turn a distance into radians. */
  static final double EARTH_RADIUS_MILES = 3959;
  static final double EARTH_RADIUS_KILOMETERS = 6371.0;

  private GeoOperands() {}

  static Object parse(QueryOp op, Object operand, JsonObject ops) {
    return switch (op) {
      case NEAR_SPHERE -> new NearSphere(point(operand, "$nearSphere"), maxDistance(ops));
      case WITHIN -> box(operand);
      case GEO_WITHIN -> geoWithin(operand);
      case GEO_INTERSECTS -> {
        if (operand instanceof JsonObject json && json.containsKey("$point")) {
          yield new Intersects(point(json.getValue("$point"), "$geoIntersects"));
        }
        throw bad("bad $geoIntersects value; $point should be GeoPoint");
      }
      default -> throw new IllegalArgumentException(op.name());
    };
  }

  private static Double maxDistance(JsonObject ops) {
    if (ops.containsKey("$maxDistanceInMiles")) {
      return number(ops.getValue("$maxDistanceInMiles"), "$maxDistanceInMiles")
          / EARTH_RADIUS_MILES;
    }
    if (ops.containsKey("$maxDistanceInKilometers")) {
      return number(ops.getValue("$maxDistanceInKilometers"), "$maxDistanceInKilometers")
          / EARTH_RADIUS_KILOMETERS;
    }
    for (String key : List.of("$maxDistanceInRadians", "$maxDistance")) {
      if (ops.containsKey(key)) {
        return number(ops.getValue(key), key);
      }
    }
    return null;
  }

  private static Box box(Object operand) {
    if (operand instanceof JsonObject json && json.getValue("$box") instanceof JsonArray box
        && box.size() == 2) {
      Point a = point(box.getValue(0), "$box");
      Point b = point(box.getValue(1), "$box");
      if (a.latitude() > b.latitude() || a.longitude() > b.longitude()) {
        throw bad("bad $within $box: the first point must be southwest of the second");
      }
      return new Box(a, b);
    }
    throw bad("malformatted $within arg: needs a $box of two GeoPoints");
  }

  private static Object geoWithin(Object operand) {
    if (!(operand instanceof JsonObject json)) {
      throw bad("bad $geoWithin value");
    }
    if (json.containsKey("$polygon")) {
      Object raw = json.getValue("$polygon");
      List<Point> points = new ArrayList<>();
      if (raw instanceof JsonObject polygon
          && ParseType.POLYGON.wireName().equals(polygon.getValue(ParseFields.TYPE))) {
        for (Object pair : polygon.getJsonArray(ParseFields.COORDINATES, new JsonArray())) {
          points.add(latLngPair(pair));
        }
      } else if (raw instanceof JsonArray array) {
        for (Object item : array) {
          points.add(point(item, "$polygon"));
        }
      }
      if (points.size() < 3) {
        throw bad("bad $geoWithin value; $polygon should contain at least 3 GeoPoints");
      }
      return new PolygonArea(points);
    }
    if (json.getValue("$centerSphere") instanceof JsonArray sphere && sphere.size() == 2) {
      Object center = sphere.getValue(0);
      Point point = center instanceof JsonArray lngLat && lngLat.size() == 2
          ? checked(number(lngLat.getValue(1), "$centerSphere"),
              number(lngLat.getValue(0), "$centerSphere"))
          : point(center, "$centerSphere");
      double radius = number(sphere.getValue(1), "$centerSphere distance");
      if (radius < 0) {
        throw bad("bad $geoWithin value; $centerSphere distance invalid");
      }
      return new CenterSphere(point, radius);
    }
    throw bad("bad $geoWithin value; needs $polygon or $centerSphere");
  }

  /** A {@code {"__type":"GeoPoint"}} value (the type tag may be omitted, as the SDKs allow). */
  static Point point(Object value, String where) {
    if (value instanceof JsonObject json && json.getValue(ParseFields.LATITUDE) instanceof Number
        && json.getValue(ParseFields.LONGITUDE) instanceof Number) {
      return checked(json.getDouble(ParseFields.LATITUDE), json.getDouble(ParseFields.LONGITUDE));
    }
    throw bad("bad " + where + " value; should be a GeoPoint");
  }

  private static Point latLngPair(Object pair) {
    if (pair instanceof JsonArray array && array.size() == 2) {
      return checked(number(array.getValue(0), "$polygon"), number(array.getValue(1), "$polygon"));
    }
    throw bad("bad $polygon point: " + pair);
  }

  private static Point checked(double latitude, double longitude) {
    if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
      throw new ParseException(ParseErrorCode.INVALID_JSON, "GeoPoint out of bounds: "
          + latitude + ", " + longitude);
    }
    return new Point(latitude, longitude);
  }

  private static double number(Object value, String where) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw bad("bad " + where + ": " + value + " is not a number");
  }

  private static ParseException bad(String message) {
    return new ParseException(ParseErrorCode.INVALID_QUERY, message);
  }
}
