package io.parsevertx.storage.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.WhereParser;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import io.parsevertx.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter against a real MongoDB wire server: every Parse type round-trips, and what lands
 * in the database is Parse Server's layout, read back through a plain driver client.
 */
class MongoStorageAdapterTest {
  private static Vertx vertx;
  private static MongoStorageAdapter adapter;
  private static MongoClient raw;
  private static ClassSchema schema;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    String uri = TestServers.mongoUri();
    adapter = MongoStorageAdapter.connect(vertx, uri);
    raw = MongoClient.create(vertx, new JsonObject().put("connection_string", uri));
    Map<String, SchemaField> fields = new LinkedHashMap<>();
    fields.put("score", SchemaField.of(FieldType.NUMBER));
    fields.put("name", SchemaField.of(FieldType.STRING));
    fields.put("when", SchemaField.of(FieldType.DATE));
    fields.put("owner", SchemaField.pointerTo("_User"));
    fields.put("place", SchemaField.of(FieldType.GEO_POINT));
    fields.put("photo", SchemaField.of(FieldType.FILE));
    fields.put("blob", SchemaField.of(FieldType.BYTES));
    fields.put("area", SchemaField.of(FieldType.POLYGON));
    fields.put("tags", SchemaField.of(FieldType.ARRAY));
    fields.put("meta", SchemaField.of(FieldType.OBJECT));
    fields.put("fans", SchemaField.relationTo("_User"));
    schema = new ClassSchema("Game", fields, null, null);
    adapter.createClass(schema).await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static JsonObject sample(String id, int score) {
    return new JsonObject()
        .put("objectId", id)
        .put("createdAt", "2024-01-02T03:04:05.678Z")
        .put("updatedAt", "2024-01-02T03:04:05.678Z")
        .put("score", score)
        .put("name", "game " + id)
        .put("when", new JsonObject().put("__type", "Date").put("iso", "2023-05-06T07:08:09.010Z"))
        .put("owner", new JsonObject().put("__type", "Pointer").put("className", "_User")
            .put("objectId", "u1"))
        .put("place", new JsonObject().put("__type", "GeoPoint").put("latitude", 40.0)
            .put("longitude", -30.0))
        .put("photo", new JsonObject().put("__type", "File").put("name", "abc_photo.png"))
        .put("blob", new JsonObject().put("__type", "Bytes").put("base64", "aGVsbG8="))
        .put("area", new JsonObject().put("__type", "Polygon").put("coordinates",
            new JsonArray("[[0,0],[0,1],[1,1]]")))
        .put("tags", new JsonArray().add("a").add("b"))
        .put("meta", new JsonObject().put("nested", new JsonObject().put("deep", 1)))
        .put("ACL", new JsonObject().put("*", new JsonObject().put("read", true))
            .put("u1", new JsonObject().put("read", true).put("write", true)));
  }

  @Test
  void storesParseServerLayout() {
    adapter.createObject(schema, sample("layout0001", 1)).await();
    JsonObject doc = raw.findOne("Game", new JsonObject().put("_id", "layout0001"), null).await();
    assertEquals("_User$u1", doc.getString("_p_owner"));
    assertFalse(doc.containsKey("owner"));
    assertTrue(doc.getJsonObject("_created_at").containsKey("$date"));
    assertTrue(doc.getJsonObject("when").containsKey("$date"));
    assertEquals(new JsonArray().add(-30.0).add(40.0), doc.getJsonArray("place"));
    assertEquals("abc_photo.png", doc.getString("photo"));
    assertEquals(new JsonArray().add("*").add("u1"), doc.getJsonArray("_rperm"));
    assertEquals(new JsonArray().add("u1"), doc.getJsonArray("_wperm"));
    assertEquals(new JsonObject().put("r", true).put("w", true),
        doc.getJsonObject("_acl").getJsonObject("u1"));
    assertEquals("Polygon", doc.getJsonObject("area").getString("type"));
    assertFalse(doc.containsKey("fans"), "relations live in _Join collections");

    JsonObject stored = raw.findOne("_SCHEMA", new JsonObject().put("_id", "Game"), null).await();
    assertEquals("number", stored.getString("score"));
    assertEquals("*_User", stored.getString("owner"));
    assertEquals("relation<_User>", stored.getString("fans"));
    assertEquals("geopoint", stored.getString("place"));
    assertEquals("string", stored.getString("objectId"));
  }

  @Test
  void everyTypeRoundTrips() {
    JsonObject written = sample("roundtrip1", 2);
    adapter.createObject(schema, written).await();
    List<JsonObject> found = adapter.find(schema,
        WhereParser.parse(new JsonObject().put("objectId", "roundtrip1")),
        FindOptions.fromParams(new JsonObject(), -1)).await();
    assertEquals(1, found.size());
    JsonObject read = found.get(0);
    for (String field : List.of("objectId", "createdAt", "updatedAt", "score", "name", "when",
        "owner", "place", "photo", "blob", "tags", "meta", "ACL")) {
      assertEquals(written.getValue(field), read.getValue(field), field);
    }
    assertEquals(new JsonArray("[[0,0],[0,1],[1,1],[0,0]]"),
        read.getJsonObject("area").getJsonArray("coordinates"));
    assertEquals(new JsonObject().put("__type", "Relation").put("className", "_User"),
        read.getJsonObject("fans"));
  }

  @Test
  void schemaReadsBack() {
    ClassSchema loaded = adapter.getSchema("Game").await();
    assertEquals(schema.fields(), loaded.fields());
    assertTrue(adapter.loadSchemas().await().containsKey("Game"));
    assertNull(adapter.getSchema("Nope").await());
  }

  @Test
  void queriesSortPageAndCount() {
    ClassSchema scores = new ClassSchema("Score",
        Map.of("v", SchemaField.of(FieldType.NUMBER), "s", SchemaField.of(FieldType.STRING)),
        null, null);
    adapter.createClass(scores).await();
    for (int i = 0; i < 10; i++) {
      adapter.createObject(scores, new JsonObject().put("objectId", "score0000" + i)
          .put("createdAt", "2024-01-01T00:00:00.000Z").put("updatedAt", "2024-01-01T00:00:00.000Z")
          .put("v", i).put("s", i % 2 == 0 ? "even" : "odd")).await();
    }
    QueryNode where = WhereParser.parse(new JsonObject("{\"v\":{\"$gte\":2,\"$lt\":8},"
        + "\"s\":\"even\"}"));
    List<JsonObject> page = adapter.find(scores, where, FindOptions.fromParams(
        new JsonObject().put("order", "-v").put("limit", "2").put("skip", "1"), -1)).await();
    assertEquals(List.of(4, 2), page.stream().map(o -> o.getInteger("v")).toList());
    assertEquals(3L, adapter.count(scores, where).await());
    assertEquals(2L, adapter.count(scores, WhereParser.parse(
        new JsonObject("{\"v\":{\"$in\":[1,3,99]}}"))).await());
    assertEquals(0L, adapter.count(scores, WhereParser.parse(
        new JsonObject("{\"missing\":{\"$exists\":true}}"))).await());
  }

  @Test
  void updatesAndDeletes() {
    adapter.createObject(schema, sample("update0001", 5)).await();
    QueryNode byId = WhereParser.parse(new JsonObject().put("objectId", "update0001"));
    JsonObject after = adapter.updateObject(schema, byId, new JsonObject()
        .put("name", "renamed").put("score", new JsonObject().put("__op", "Increment")
            .put("amount", 3)).put("tags", new JsonObject().put("__op", "Delete"))
        .put("updatedAt", "2025-01-01T00:00:00.000Z")).await();
    assertEquals("renamed", after.getString("name"));
    assertEquals(8, after.getInteger("score"));
    assertFalse(after.containsKey("tags"));
    assertEquals("2025-01-01T00:00:00.000Z", after.getString("updatedAt"));
    assertTrue(adapter.deleteObject(schema, byId).await());
    assertFalse(adapter.deleteObject(schema, byId).await());
    assertNull(adapter.updateObject(schema, byId, new JsonObject().put("name", "x")).await());
  }

  @Test
  void uniqueIndexViolationsAreError137() {
    ClassSchema unique = new ClassSchema("Uniq", Map.of("email", SchemaField.of(FieldType.STRING)),
        null, null);
    adapter.createClass(unique).await();
    adapter.createIndex(unique, "email_1", new JsonObject().put("email", 1), true).await();
    JsonObject a = new JsonObject().put("objectId", "uniq000001").put("email", "a@x.io")
        .put("createdAt", "2024-01-01T00:00:00.000Z").put("updatedAt", "2024-01-01T00:00:00.000Z");
    adapter.createObject(unique, a).await();
    io.parsevertx.common.error.ParseException e = org.junit.jupiter.api.Assertions.assertThrows(
        io.parsevertx.common.error.ParseException.class,
        () -> adapter.createObject(unique, a.copy().put("objectId", "uniq000002")).await());
    assertEquals(io.parsevertx.common.error.ParseErrorCode.DUPLICATE_VALUE, e.code());
  }
}
