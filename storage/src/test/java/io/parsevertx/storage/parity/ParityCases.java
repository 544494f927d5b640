package io.parsevertx.storage.parity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The objects and queries of the parity test: one row per operator use. */
final class ParityCases {

  /**
   * @param expected the hand-computed answer, or null where parity alone is checked
   * @param databaseGap why the in-process database cannot run the case, or null
   */
  record Case(String name, String where, List<String> expected, String databaseGap) {
    @Override
    public String toString() {
      return databaseGap == null ? name : name + " [matcher only: " + databaseGap + "]";
    }
  }

  private static final String NO_TEXT = "mongo-java-server has no $text; runs on PostgreSQL (#10)";
  private static final String NO_GEO = "mongo-java-server has no $geoWithin, $nearSphere "
      + "distances or $geoIntersects; runs on PostgreSQL (#10)";

  private ParityCases() {}

  static Stream<Case> cases() {
    return Stream.of(
        c("equality on a number", "{'n':3}", "o03"),
        c("equality on a string", "{'s':'fig'}", "o06"),
        c("equality on an array contains", "{'tags':'a'}", "o01", "o05", "o06"),
        c("equality on a pointer", "{'owner':" + user("u1") + "}", "o01", "o03", "o06", "o08"),
        c("equality on a date", "{'when':" + date("2021-01-01") + "}", "o03"),
        c("equality on a nested key", "{'meta.level':2}", "o02", "o05"),
        c("equality on a boolean", "{'flag':false}", "o02", "o04", "o06", "o08"),
        c("$eq", "{'n':{'$eq':6.5}}", "o06"),
        c("$ne", "{'s':{'$ne':'apple'}}", "o02", "o03", "o04", "o05", "o06", "o07", "o08"),
        c("$lt", "{'n':{'$lt':1}}", "o07", "o08"),
        c("$lte", "{'n':{'$lte':1}}", "o01", "o07", "o08"),
        c("$gt", "{'n':{'$gt':4}}", "o05", "o06"),
        c("$gte", "{'n':{'$gte':4}}", "o04", "o05", "o06"),
        c("$gt on a date", "{'when':{'$gt':" + date("2021-06-01") + "}}", "o05", "o06", "o08"),
        c("$lt on strings", "{'s':{'$lt':'c'}}", "o01", "o02", "o08"),
        c("range on createdAt", "{'createdAt':{'$gte':" + date("2020-01-03") + ",'$lt':"
            + date("2020-01-05") + "}}", "o03", "o04"),
        c("$in numbers", "{'n':{'$in':[1,5,99]}}", "o01", "o05"),
        c("$in on an array field", "{'tags':{'$in':['d','c']}}", "o02", "o03", "o06", "o08"),
        c("$in pointers", "{'owner':{'$in':[" + user("u2") + "]}}", "o02", "o04", "o07"),
        c("$nin", "{'n':{'$nin':[1,2,3,4,5]}}", "o06", "o07", "o08"),
        c("$exists true", "{'maybe':{'$exists':true}}", "o03", "o05"),
        c("$exists false", "{'owner':{'$exists':false}}", "o05"),
        c("$all", "{'tags':{'$all':['a','b']}}", "o01", "o06"),
        c("$containedBy", "{'tags':{'$containedBy':['a','b']}}", "o01", "o04", "o05", "o07"),
        c("$regex", "{'s':{'$regex':'^a'}}", "o01"),
        c("$regex with $options i", "{'s':{'$regex':'^a','$options':'i'}}", "o01", "o08"),
        c("$regex in a nested key", "{'meta.name':{'$regex':'x|y'}}", "o01", "o07"),
        c("$or", "{'$or':[{'n':1},{'s':'fig'}]}", "o01", "o06"),
        c("$and", "{'$and':[{'n':{'$gt':1}},{'n':{'$lt':4}}]}", "o02", "o03"),
        c("$nor", "{'$nor':[{'flag':true},{'n':0}]}", "o02", "o04", "o06"),
        c("$or inside a constraint list", "{'flag':true,'$or':[{'n':{'$lt':2}},{'tags':'c'}]}",
            "o01", "o03", "o07"),
        gap("$within $box", "{'loc':{'$within':{'$box':[" + point(-5, -5) + "," + point(15, 15)
            + "]}}}", NO_GEO, "o01", "o02", "o07"),
        gap("$geoWithin $polygon", "{'loc':{'$geoWithin':{'$polygon':[" + point(-1, -1) + ","
            + point(-1, 12) + "," + point(12, 12) + "," + point(12, -1) + "]}}}", NO_GEO, "o01", "o02",
            "o07"),
        gap("$geoWithin $centerSphere", "{'loc':{'$geoWithin':{'$centerSphere':[[0,0],0.05]}}}",
            NO_GEO, "o01", "o07"),
        gap("$nearSphere with $maxDistanceInKilometers", "{'loc':{'$nearSphere':" + point(0, 0)
            + ",'$maxDistanceInKilometers':200}}", NO_GEO, "o01", "o07"),
        gap("$geoIntersects $point", "{'area':{'$geoIntersects':{'$point':" + point(5, 5) + "}}}",
            NO_GEO, "o05"),
        gap("$text word", "{'body':{'$text':{'$search':{'$term':'quick'}}}}", NO_TEXT, "o01",
            "o04"),
        gap("$text ignores diacritics", "{'body':{'$text':{'$search':{'$term':'cafe'}}}}",
            NO_TEXT, "o03"),
        gap("$text case sensitive", "{'body':{'$text':{'$search':{'$term':'Lazy',"
            + "'$caseSensitive':true}}}}", NO_TEXT, "o02"));
  }

  static List<JsonObject> objects() {
    List<JsonObject> objects = new ArrayList<>();
    objects.add(o("o01", 1, "apple", tags("a", "b"), meta(1, "x"), "2020-01-01", "u1", 0, 0,
        true, "The quick brown fox"));
    objects.add(o("o02", 2, "Banana", tags("b", "c"), meta(2, null), "2020-06-01", "u2", 10, 10,
        false, "Lazy dogs sleep"));
    objects.add(o("o03", 3, "cherry", tags("c"), meta(3, null), "2021-01-01", "u1", 20, 20, true,
        "café au lait").put("maybe", 1));
    objects.add(o("o04", 4, "date", tags(), meta(1, null), "2021-06-01", "u2", -10, -10, false,
        "quick thinking"));
    objects.add(o("o05", 5, "elder", tags("a"), meta(2, null), "2022-01-01", null, 45, 90, true,
        "slow").putNull("maybe").put("area", polygon(0, 0, 0, 10, 10, 10, 10, 0)));
    objects.add(o("o06", 6.5, "fig", tags("a", "b", "c"), meta(3, null), "2022-06-01", "u1", -45,
        -90, false, "nothing").put("area", polygon(20, 20, 20, 30, 30, 30, 30, 20)));
    objects.add(o("o07", -1, "grape", null, meta(1, "y"), "2019-01-01", "u2", 1, 1, true,
        "grapes"));
    objects.add(o("o08", 0, "Apple pie", tags("d"), null, "2023-01-01", "u1", 89, 179, false,
        "pie"));
    return objects;
  }

  private static JsonObject o(String id, Number n, String s, JsonArray tags, JsonObject meta,
      String when, String owner, double lat, double lng, boolean flag, String body) {
    int index = Integer.parseInt(id.substring(1));
    String created = "2020-01-0" + index + "T00:00:00.000Z";
    JsonObject object = new JsonObject().put("objectId", id).put("createdAt", created)
        .put("updatedAt", created).put("n", n).put("s", s)
        .put("when", new JsonObject(date(when))).put("flag", flag).put("body", body)
        .put("loc", new JsonObject(point(lat, lng)));
    if (tags != null) {
      object.put("tags", tags);
    }
    if (meta != null) {
      object.put("meta", meta);
    }
    if (owner != null) {
      object.put("owner", new JsonObject(user(owner)));
    }
    return object;
  }

  private static Case c(String name, String where, String... expected) {
    return new Case(name, where.replace('\'', '"'), List.of(expected), null);
  }

  private static Case gap(String name, String where, String gap, String... expected) {
    return new Case(name, where.replace('\'', '"'), List.of(expected), gap);
  }

  private static JsonArray tags(String... tags) {
    return new JsonArray(List.of((Object[]) tags));
  }

  private static JsonObject meta(int level, String name) {
    JsonObject meta = new JsonObject().put("level", level);
    return name == null ? meta : meta.put("name", name);
  }

  private static String date(String day) {
    return "{\"__type\":\"Date\",\"iso\":\"" + day + "T00:00:00.000Z\"}";
  }

  private static String user(String id) {
    return "{\"__type\":\"Pointer\",\"className\":\"_User\",\"objectId\":\"" + id + "\"}";
  }

  private static String point(double lat, double lng) {
    return "{\"__type\":\"GeoPoint\",\"latitude\":" + lat + ",\"longitude\":" + lng + "}";
  }

  private static JsonObject polygon(double... latLng) {
    JsonArray points = new JsonArray();
    for (int i = 0; i < latLng.length; i += 2) {
      points.add(new JsonArray().add(latLng[i]).add(latLng[i + 1]));
    }
    return new JsonObject().put("__type", "Polygon").put("coordinates", points);
  }
}
