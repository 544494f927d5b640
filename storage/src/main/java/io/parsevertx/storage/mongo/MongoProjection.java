package io.parsevertx.storage.mongo;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.schema.ClassSchema;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The projection for a {@code keys} parameter; the fields every object carries stay in. */
final class MongoProjection {

  private MongoProjection() {}

  static JsonObject of(ClassSchema schema, List<String> keys) {
    JsonObject fields = new JsonObject()
        .put(MongoFieldNames.ID, 1)
        .put(MongoFieldNames.CREATED_AT, 1)
        .put(MongoFieldNames.UPDATED_AT, 1)
        .put(ParseFields.RPERM, 1)
        .put(ParseFields.WPERM, 1)
        .put(MongoFieldNames.ACL, 1);
    for (String key : keys) {
      String topLevel = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
      String stored = MongoFieldNames.toMongo(schema, topLevel);
      // note: a dotted key into a pointer selects the pointer (its target's keys are applied
      // after include); into an Object field it selects the nested value
      String path = stored.equals(topLevel) ? key : stored;
      if (keys.stream().noneMatch(other -> path.startsWith(other + "."))) {
        fields.put(path, 1);
      }
    }
    return fields;
  }
}
