package io.parsevertx.common.query;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.query.QueryOperands.Point;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Great-circle distances and point-in-polygon tests for the in-memory matcher. */
final class GeoMath {

  private GeoMath() {}

  /** The angle between two points, in radians (haversine). */
  static double radiansBetween(Point a, Point b) {
    double lat1 = Math.toRadians(a.latitude());
    double lat2 = Math.toRadians(b.latitude());
    double dLat = lat2 - lat1;
    double dLng = Math.toRadians(b.longitude() - a.longitude());
    double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
        + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
    return 2 * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
  }

  /** Ray casting in the latitude/longitude plane, as MongoDB's legacy $polygon does. */
  static boolean inPolygon(Point p, List<Point> vertices) {
    boolean inside = false;
    for (int i = 0, j = vertices.size() - 1; i < vertices.size(); j = i++) {
      Point a = vertices.get(i);
      Point b = vertices.get(j);
      boolean crosses = (a.longitude() > p.longitude()) != (b.longitude() > p.longitude())
          && p.latitude() < (b.latitude() - a.latitude()) * (p.longitude() - a.longitude())
              / (b.longitude() - a.longitude()) + a.latitude();
      if (crosses) {
        inside = !inside;
      }
    }
    return inside;
  }

  /** A stored GeoPoint value, or null. */
  static Point pointOf(Object value) {
    if (value instanceof JsonObject json && json.getValue(ParseFields.LATITUDE) instanceof Number
        && json.getValue(ParseFields.LONGITUDE) instanceof Number) {
      return new Point(json.getDouble(ParseFields.LATITUDE), json.getDouble(ParseFields.LONGITUDE));
    }
    return null;
  }

  /** A stored Polygon value's vertices, or null. */
  static List<Point> polygonOf(Object value) {
    if (!(value instanceof JsonObject json)
        || !(json.getValue(ParseFields.COORDINATES) instanceof JsonArray coordinates)) {
      return null;
    }
    List<Point> points = new ArrayList<>();
    for (Object pair : coordinates) {
      JsonArray latLng = (JsonArray) pair;
      points.add(new Point(latLng.getDouble(0), latLng.getDouble(1)));
    }
    return points;
  }
}
