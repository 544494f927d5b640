package io.parsevertx.storage.mongo;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.common.types.ParseType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Converts single values between Parse's JSON encoding and Parse Server's MongoDB encoding
 * (Vert.x Mongo Client extended JSON: {@code $date}, {@code $binary}).
 */
final class MongoValues {
  static final String DATE = "$date";
  static final String BINARY = "$binary";

  private MongoValues() {}

  /** A Parse value to its stored form; pointers become {@code Class$id} (top-level fields). */
  static Object toMongo(Object value) {
    if (value instanceof JsonObject json && json.getValue(ParseFields.TYPE) instanceof String t) {
      ParseType type = ParseType.fromWireName(t);
      if (type != null) {
        return switch (type) {
          case DATE -> mongoDate(ParseDates.parse(json.getString(ParseFields.ISO)));
          case POINTER -> json.getString(ParseFields.CLASS_NAME) + "$"
              + json.getString(ParseFields.OBJECT_ID);
          case FILE -> json.getString(ParseFields.NAME);
          case GEO_POINT -> new JsonArray().add(json.getValue(ParseFields.LONGITUDE))
              .add(json.getValue(ParseFields.LATITUDE));
          case POLYGON -> polygonToMongo(json.getJsonArray(ParseFields.COORDINATES));
          case BYTES -> new JsonObject().put(BINARY,
              Base64.getDecoder().decode(json.getString(ParseFields.BASE64)));
          default -> json;
        };
      }
    }
    return interiorToMongo(value);
  }

  /** Nested values keep pointers as objects but store dates and bytes natively, as Parse does. */
  static Object interiorToMongo(Object value) {
    if (value instanceof JsonObject json) {
      Object type = json.getValue(ParseFields.TYPE);
      if (ParseType.DATE.wireName().equals(type) || ParseType.BYTES.wireName().equals(type)) {
        return toMongo(json);
      }
      JsonObject out = new JsonObject();
      for (Map.Entry<String, Object> e : json) {
        out.put(e.getKey(), interiorToMongo(e.getValue()));
      }
      return out;
    }
    if (value instanceof JsonArray array) {
      JsonArray out = new JsonArray();
      array.forEach(item -> out.add(interiorToMongo(item)));
      return out;
    }
    return value;
  }

  /** Stored nested values back to Parse's encoding. */
  static Object interiorToParse(Object value) {
    if (value instanceof JsonObject json) {
      if (json.size() == 1 && json.containsKey(DATE)) {
        return ParseDates.toJson(instantOf(json));
      }
      if (json.containsKey(BINARY)) {
        return bytesToParse(json);
      }
      JsonObject out = new JsonObject();
      for (Map.Entry<String, Object> e : json) {
        out.put(e.getKey(), interiorToParse(e.getValue()));
      }
      return out;
    }
    if (value instanceof JsonArray array) {
      JsonArray out = new JsonArray();
      array.forEach(item -> out.add(interiorToParse(item)));
      return out;
    }
    return value;
  }

  static JsonObject mongoDate(Instant instant) {
    return new JsonObject().put(DATE, ParseDates.format(instant));
  }

  static Instant instantOf(Object mongoDate) {
    if (mongoDate instanceof JsonObject json) {
      Object raw = json.getValue(DATE);
      return raw instanceof Number n ? Instant.ofEpochMilli(n.longValue())
          : ParseDates.parse(String.valueOf(raw));
    }
    return ParseDates.parse(String.valueOf(mongoDate));
  }

  static JsonObject bytesToParse(JsonObject binary) {
    return new JsonObject().put(ParseFields.TYPE, ParseType.BYTES.wireName())
        .put(ParseFields.BASE64, Base64.getEncoder().encodeToString(binary.getBinary(BINARY)));
  }

  static JsonObject geoPointToParse(JsonArray lngLat) {
    return new JsonObject().put(ParseFields.TYPE, ParseType.GEO_POINT.wireName())
        .put(ParseFields.LATITUDE, lngLat.getValue(1)).put(ParseFields.LONGITUDE, lngLat.getValue(0));
  }

  static JsonObject polygonToParse(JsonObject geoJson) {
    JsonArray ring = geoJson.getJsonArray(ParseFields.COORDINATES).getJsonArray(0);
    JsonArray latLng = new JsonArray();
    for (Object point : ring) {
      JsonArray p = (JsonArray) point;
      latLng.add(new JsonArray().add(p.getValue(1)).add(p.getValue(0)));
    }
    return new JsonObject().put(ParseFields.TYPE, ParseType.POLYGON.wireName())
        .put(ParseFields.COORDINATES, latLng);
  }

  /** GeoJSON with [lng, lat] points and a closed ring, as MongoDB's geo indexes need. */
  private static JsonObject polygonToMongo(JsonArray latLngPoints) {
    JsonArray ring = new JsonArray();
    for (Object point : latLngPoints) {
      JsonArray p = (JsonArray) point;
      ring.add(new JsonArray().add(p.getValue(1)).add(p.getValue(0)));
    }
    if (!ring.getValue(0).equals(ring.getValue(ring.size() - 1))) {
      ring.add(ring.getValue(0));
    }
    return new JsonObject().put("type", "Polygon")
        .put(ParseFields.COORDINATES, new JsonArray().add(ring));
  }
}
