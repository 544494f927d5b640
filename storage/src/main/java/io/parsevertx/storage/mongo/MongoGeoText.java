package io.parsevertx.storage.mongo;

import io.parsevertx.common.query.QueryOperands.Box;
import io.parsevertx.common.query.QueryOperands.CenterSphere;
import io.parsevertx.common.query.QueryOperands.Intersects;
import io.parsevertx.common.query.QueryOperands.NearSphere;
import io.parsevertx.common.query.QueryOperands.Point;
import io.parsevertx.common.query.QueryOperands.PolygonArea;
import io.parsevertx.common.query.QueryOperands.TextSearch;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** MongoDB conditions for Parse's geo and text operators (points stored as [lng, lat]). */
final class MongoGeoText {

  private MongoGeoText() {}

  static JsonObject geo(Object operand) {
    if (operand instanceof NearSphere near) {
      JsonObject condition = new JsonObject().put("$nearSphere", lngLat(near.center()));
      return near.maxDistanceRadians() == null ? condition
          : condition.put("$maxDistance", near.maxDistanceRadians());
    }
    if (operand instanceof Box box) {
      return within(new JsonObject().put("$box",
          new JsonArray().add(lngLat(box.southwest())).add(lngLat(box.northeast()))));
    }
    if (operand instanceof PolygonArea polygon) {
      JsonArray points = new JsonArray();
      polygon.vertices().forEach(p -> points.add(lngLat(p)));
      return within(new JsonObject().put("$polygon", points));
    }
    if (operand instanceof CenterSphere sphere) {
      return within(new JsonObject().put("$centerSphere",
          new JsonArray().add(lngLat(sphere.center())).add(sphere.radiusRadians())));
    }
    Intersects intersects = (Intersects) operand;
    return new JsonObject().put("$geoIntersects", new JsonObject().put("$geometry",
        new JsonObject().put("type", "Point").put("coordinates", lngLat(intersects.point()))));
  }

  /** A count cannot use $nearSphere; the same circle as a $centerSphere selects alike. */
  static JsonObject nearAsWithin(NearSphere near) {
    double radius = near.maxDistanceRadians() == null ? Math.PI : near.maxDistanceRadians();
    return within(new JsonObject().put("$centerSphere",
        new JsonArray().add(lngLat(near.center())).add(radius)));
  }

  /** {@code $text} is a top-level MongoDB operator over the class's text index. */
  static JsonObject text(TextSearch search) {
    JsonObject query = new JsonObject().put("$search", search.term());
    if (search.language() != null) {
      query.put("$language", search.language());
    }
    if (search.caseSensitive()) {
      query.put("$caseSensitive", true);
    }
    if (search.diacriticSensitive()) {
      query.put("$diacriticSensitive", true);
    }
    return new JsonObject().put("$text", query);
  }

  private static JsonObject within(JsonObject shape) {
    return new JsonObject().put("$geoWithin", shape);
  }

  private static JsonArray lngLat(Point point) {
    return new JsonArray().add(point.longitude()).add(point.latitude());
  }
}
