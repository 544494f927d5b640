package io.parsevertx.storage.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryMatcher;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.WhereParser;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.SchemaField;
import io.parsevertx.common.schema.SchemaInference;
import io.parsevertx.storage.mongo.MongoStorageAdapter;
import io.parsevertx.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query of {@link ParityCases} runs twice on the same objects: in the database (through
 * the storage adapter) and in {@link QueryMatcher}; both must return the same objects. Cases
 * the in-process MongoDB (mongo-java-server) cannot run are marked in the table and checked
 * against their hand-computed answer on the matcher side only (they run on PostgreSQL, #10).
 */
class QueryParityTest {
  private static Vertx vertx;
  private static MongoStorageAdapter adapter;
  private static ClassSchema schema;
  private static List<JsonObject> objects;

  @BeforeAll
  static void seed() {
    vertx = Vertx.vertx();
    adapter = MongoStorageAdapter.connect(vertx, TestServers.mongoUri());
    objects = ParityCases.objects();
    Map<String, SchemaField> fields = new LinkedHashMap<>();
    for (JsonObject object : objects) {
      object.forEach(e -> {
        SchemaField type = SchemaInference.typeOf(e.getKey(), e.getValue());
        if (type != null && !Set.of("objectId", "createdAt", "updatedAt").contains(e.getKey())) {
          fields.putIfAbsent(e.getKey(), type);
        }
      });
    }
    schema = new ClassSchema("Parity", fields, null, null);
    adapter.createClass(schema).await();
    objects.forEach(o -> adapter.createObject(schema, o).await());
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.parsevertx.storage.parity.ParityCases#cases")
  void databaseAndMatcherAgree(ParityCases.Case testCase) {
    QueryNode query = WhereParser.parse(new JsonObject(testCase.where()));
    Set<String> inMemory = new TreeSet<>();
    for (JsonObject object : objects) {
      if (QueryMatcher.matches(query, object)) {
        inMemory.add(object.getString("objectId"));
      }
    }
    assertFalse(inMemory.isEmpty(), "the case should select something");
    assertTrue(inMemory.size() < objects.size(), "the case should leave something out");
    if (testCase.expected() != null) {
      assertEquals(new TreeSet<>(testCase.expected()), inMemory, "hand-computed answer");
    }
    if (testCase.databaseGap() == null) {
      Set<String> inDatabase = new TreeSet<>();
      adapter.find(schema, query, new FindOptions(List.of(), 1000, 0, null, false)).await()
          .forEach(o -> inDatabase.add(o.getString("objectId")));
      assertEquals(inDatabase, inMemory);
    }
  }
}
