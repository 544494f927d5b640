package io.parsevertx.data.schema;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.storage.StorageAdapter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code indexes} of a {@code /schemas} body: indexes to add and to drop, checked. */
record IndexChanges(JsonObject added, List<String> dropped) {

  /**
   * @param requested {@code {"name": {"field": 1}}} or {@code {"name": {"__op": "Delete"}}}
   * @throws ParseException 102 for an index on a missing field, an existing name, or a missing
   *     index to drop
   */
  static IndexChanges parse(Object requested, ClassSchema schema) {
    JsonObject added = new JsonObject();
    List<String> dropped = new ArrayList<>();
    if (requested == null) {
      return new IndexChanges(added, dropped);
    }
    if (!(requested instanceof JsonObject indexes)) {
      throw new ParseException(ParseErrorCode.INVALID_JSON, "indexes must be an object");
    }
    for (Map.Entry<String, Object> entry : indexes) {
      String name = entry.getKey();
      if (FieldDefinitions.isDelete(entry.getValue())) {
        if (!schema.indexes().containsKey(name)) {
          throw bad("Index " + name + " does not exist, cannot delete.");
        }
        dropped.add(name);
        continue;
      }
      if (schema.indexes().containsKey(name)) {
        throw bad("Index " + name + " exists, cannot update.");
      }
      if (!(entry.getValue() instanceof JsonObject keys) || keys.isEmpty()) {
        throw bad("Index " + name + " must name fields.");
      }
      for (Map.Entry<String, Object> key : keys) {
        if (schema.field(key.getKey()) == null) {
          throw bad("Field " + key.getKey() + " does not exist, cannot add index.");
        }
        Object direction = key.getValue();
        if (!(direction instanceof Number n && Math.abs(n.intValue()) == 1)
            && !"text".equals(direction) && !"2dsphere".equals(direction)) {
          throw bad("Index " + name + " has a bad direction for " + key.getKey());
        }
      }
      added.put(name, keys);
    }
    return new IndexChanges(added, dropped);
  }

  /** Applies the changes in the database and returns the index metadata after them. */
  Future<JsonObject> apply(StorageAdapter storage, ClassSchema schema) {
    List<Future<Void>> work = new ArrayList<>();
    dropped.forEach(name -> work.add(storage.dropIndex(schema.className(), name)));
    added.forEach(e -> work.add(storage.createIndex(schema, e.getKey(), (JsonObject) e.getValue(),
        false)));
    return Future.all(work).map(v -> {
      JsonObject indexes = schema.indexes().copy();
      dropped.forEach(indexes::remove);
      return indexes.mergeIn(added);
    });
  }

  private static ParseException bad(String message) {
    return new ParseException(ParseErrorCode.INVALID_QUERY, message);
  }
}
