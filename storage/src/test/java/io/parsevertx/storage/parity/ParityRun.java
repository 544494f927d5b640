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
import io.parsevertx.storage.StorageAdapter;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The parity objects stored through one adapter, and the check of one case against it. */
final class ParityRun {
  private final StorageAdapter adapter;
  private final ClassSchema schema;
  private final List<JsonObject> objects;
  private final boolean nullIsMissing;

  /**
   * @param nullIsMissing the database stores a null as no value (PostgreSQL's columns, as in
   *     Parse Server's PostgreSQL adapter), so the matcher is asked about the objects without
   *     their null fields
   */
  ParityRun(StorageAdapter adapter, boolean nullIsMissing) {
    this.adapter = adapter;
    this.nullIsMissing = nullIsMissing;
    this.objects = ParityCases.objects();
    Map<String, SchemaField> fields = new LinkedHashMap<>();
    for (JsonObject object : objects) {
      object.forEach(e -> {
        SchemaField type = SchemaInference.typeOf(e.getKey(), e.getValue());
        if (type != null && !Set.of("objectId", "createdAt", "updatedAt").contains(e.getKey())) {
          fields.putIfAbsent(e.getKey(), type);
        }
      });
    }
    this.schema = new ClassSchema("Parity", fields, null, null);
    adapter.createClass(schema).await();
    objects.forEach(o -> adapter.createObject(schema, o.copy()).await());
  }

  /**
   * @param allGaps whether the database runs the cases mongo-java-server cannot (PostgreSQL)
   */
  void check(ParityCases.Case testCase, boolean allGaps) {
    QueryNode query = WhereParser.parse(new JsonObject(testCase.where()));
    Set<String> inMemory = new TreeSet<>();
    for (JsonObject stored : objects) {
      JsonObject object = stored.copy();
      if (nullIsMissing) {
        object.fieldNames().removeIf(name -> object.getValue(name) == null);
      }
      if (QueryMatcher.matches(query, object)) {
        inMemory.add(object.getString("objectId"));
      }
    }
    assertFalse(inMemory.isEmpty(), "the case should select something");
    assertTrue(inMemory.size() < objects.size(), "the case should leave something out");
    if (testCase.expected() != null && !nullIsMissing) {
      assertEquals(new TreeSet<>(testCase.expected()), inMemory, "hand-computed answer");
    }
    if (testCase.databaseGap() == null || allGaps) {
      Set<String> inDatabase = new TreeSet<>();
      adapter.find(schema, query, new FindOptions(List.of(), 1000, 0, null, false)).await()
          .forEach(o -> inDatabase.add(o.getString("objectId")));
      assertEquals(inMemory, inDatabase, "database and matcher");
    }
  }
}
