package io.parsevertx.storage.mongo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.List;

/**
 * Relations as Parse Server stores them: one {@code _Join:<key>:<ownerClass>} collection per
 * relation field, one {@code {owningId, relatedId}} document per member.
 */
final class MongoRelations {
  private static final String OWNING_ID = "owningId";
  private static final String RELATED_ID = "relatedId";

  private final MongoClient client;

  MongoRelations(MongoClient client) {
    this.client = client;
  }

  static String joinCollection(String key, String ownerClass) {
    return "_Join:" + key + ":" + ownerClass;
  }

  Future<Void> add(String key, String ownerClass, String owningId, String relatedId) {
    JsonObject member = member(owningId, relatedId);
    return client.updateCollectionWithOptions(joinCollection(key, ownerClass), member,
        new JsonObject().put("$set", member.copy()), new UpdateOptions().setUpsert(true))
        .mapEmpty();
  }

  Future<Void> remove(String key, String ownerClass, String owningId, String relatedId) {
    return client.removeDocuments(joinCollection(key, ownerClass), member(owningId, relatedId))
        .mapEmpty();
  }

  Future<List<String>> relatedIds(String key, String ownerClass, String owningId) {
    return ids(key, ownerClass, new JsonObject().put(OWNING_ID, owningId), RELATED_ID);
  }

  Future<List<String>> owningIds(String key, String ownerClass, List<String> relatedIds) {
    return ids(key, ownerClass, new JsonObject().put(RELATED_ID,
        new JsonObject().put("$in", new JsonArray(List.copyOf(relatedIds)))), OWNING_ID);
  }

  private Future<List<String>> ids(String key, String ownerClass, JsonObject filter,
      String field) {
    return client.findWithOptions(joinCollection(key, ownerClass), filter,
            new FindOptions().setFields(new JsonObject().put(field, 1)))
        .map(docs -> docs.stream().map(doc -> doc.getString(field)).distinct().toList());
  }

  private static JsonObject member(String owningId, String relatedId) {
    return new JsonObject().put(OWNING_ID, owningId).put(RELATED_ID, relatedId);
  }
}
