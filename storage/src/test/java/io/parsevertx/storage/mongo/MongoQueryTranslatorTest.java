package io.parsevertx.storage.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.query.SortKey;
import io.parsevertx.common.query.WhereParser;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parse {@code where} → MongoDB filter over Parse Server's stored layout. */
class MongoQueryTranslatorTest {
  private static final ClassSchema SCHEMA = new ClassSchema("Post", Map.of(
      "owner", SchemaField.pointerTo("_User"), "n", SchemaField.of(FieldType.NUMBER),
      "when", SchemaField.of(FieldType.DATE)), null, null);

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of("equality", "{\"n\":1}", "{\"n\":1}"),
        Arguments.of("objectId is _id", "{\"objectId\":\"abc\"}", "{\"_id\":\"abc\"}"),
        Arguments.of("createdAt is _created_at with a BSON date",
            "{\"createdAt\":{\"$gt\":{\"__type\":\"Date\",\"iso\":\"2020-01-01T00:00:00.000Z\"}}}",
            "{\"_created_at\":{\"$gt\":{\"$date\":\"2020-01-01T00:00:00.000Z\"}}}"),
        Arguments.of("pointer field is _p_ with Class$id",
            "{\"owner\":{\"__type\":\"Pointer\",\"className\":\"_User\",\"objectId\":\"u1\"}}",
            "{\"_p_owner\":\"_User$u1\"}"),
        Arguments.of("$in of pointers", "{\"owner\":{\"$in\":[{\"__type\":\"Pointer\","
            + "\"className\":\"_User\",\"objectId\":\"u1\"}]}}",
            "{\"_p_owner\":{\"$in\":[\"_User$u1\"]}}"),
        Arguments.of("range merges on one field", "{\"n\":{\"$gte\":1,\"$lt\":5}}",
            "{\"n\":{\"$gte\":1,\"$lt\":5}}"),
        Arguments.of("$exists", "{\"n\":{\"$exists\":false}}", "{\"n\":{\"$exists\":false}}"),
        Arguments.of("nested key stays dotted", "{\"meta.level\":{\"$ne\":2}}",
            "{\"meta.level\":{\"$ne\":2}}"),
        Arguments.of("matches all", "{}", "{}"),
        Arguments.of("$or", "{\"$or\":[{\"n\":1},{\"n\":2}]}",
            "{\"$or\":[{\"n\":1},{\"n\":2}]}"),
        Arguments.of("$nor", "{\"$nor\":[{\"n\":1}]}", "{\"$nor\":[{\"n\":1}]}"),
        Arguments.of("equality beside a range on one field", "{\"$and\":[{\"n\":1},{\"n\":{\"$gt\":0}}]}",
            "{\"n\":1,\"$and\":[{\"n\":{\"$gt\":0}}]}"),
        Arguments.of("equality on a date keeps $eq", "{\"createdAt\":{\"__type\":\"Date\",\"iso\":\"2020-01-01T00:00:00.000Z\"}}",
            "{\"_created_at\":{\"$eq\":{\"$date\":\"2020-01-01T00:00:00.000Z\"}}}"),
        Arguments.of("$all", "{\"t\":{\"$all\":[1,2]}}", "{\"t\":{\"$all\":[1,2]}}"),
        Arguments.of("$containedBy", "{\"t\":{\"$containedBy\":[1]}}",
            "{\"t\":{\"$not\":{\"$elemMatch\":{\"$nin\":[1]}}}}"),
        Arguments.of("$regex with options", "{\"s\":{\"$regex\":\"^a\",\"$options\":\"i\"}}",
            "{\"s\":{\"$regex\":\"^a\",\"$options\":\"i\"}}"),
        Arguments.of("$nearSphere in radians, [lng, lat]",
            "{\"loc\":{\"$nearSphere\":{\"__type\":\"GeoPoint\",\"latitude\":10,"
                + "\"longitude\":20},\"$maxDistanceInRadians\":0.5}}",
            "{\"loc\":{\"$nearSphere\":[20.0,10.0],\"$maxDistance\":0.5}}"),
        Arguments.of("$within $box", "{\"loc\":{\"$within\":{\"$box\":[{\"latitude\":1,"
                + "\"longitude\":2},{\"latitude\":3,\"longitude\":4}]}}}",
            "{\"loc\":{\"$geoWithin\":{\"$box\":[[2.0,1.0],[4.0,3.0]]}}}"),
        Arguments.of("$geoWithin $centerSphere", "{\"loc\":{\"$geoWithin\":{\"$centerSphere\":"
                + "[[20,10],0.1]}}}",
            "{\"loc\":{\"$geoWithin\":{\"$centerSphere\":[[20.0,10.0],0.1]}}}"),
        Arguments.of("$geoIntersects", "{\"area\":{\"$geoIntersects\":{\"$point\":"
                + "{\"latitude\":1,\"longitude\":2}}}}",
            "{\"area\":{\"$geoIntersects\":{\"$geometry\":{\"type\":\"Point\","
                + "\"coordinates\":[2.0,1.0]}}}}"),
        Arguments.of("$text is top level", "{\"body\":{\"$text\":{\"$search\":{\"$term\":"
                + "\"hi\",\"$language\":\"en\"}}}}",
            "{\"$text\":{\"$search\":\"hi\",\"$language\":\"en\"}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void translates(String name, String where, String mongo) {
    assertEquals(new JsonObject(mongo),
        MongoQueryTranslator.filter(SCHEMA, WhereParser.parse(new JsonObject(where))));
  }

  @org.junit.jupiter.api.Test
  void countTurnsNearSphereIntoACircle() {
    assertEquals(new JsonObject("{\"loc\":{\"$geoWithin\":{\"$centerSphere\":[[20.0,10.0],"
        + "0.5]}}}"), MongoQueryTranslator.countFilter(SCHEMA, WhereParser.parse(new JsonObject(
            "{\"loc\":{\"$nearSphere\":{\"latitude\":10,\"longitude\":20},"
            + "\"$maxDistance\":0.5}}"))));
  }

  @org.junit.jupiter.api.Test
  void sortUsesStoredNames() {
    assertEquals(new JsonObject("{\"_created_at\":-1,\"_p_owner\":1,\"n\":1}"),
        MongoQueryTranslator.sort(SCHEMA, List.of(new SortKey("createdAt", true),
            new SortKey("owner", false), new SortKey("n", false))));
  }
}
