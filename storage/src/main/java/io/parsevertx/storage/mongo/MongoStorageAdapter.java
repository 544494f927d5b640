package io.parsevertx.storage.mongo;

import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import io.parsevertx.storage.StorageAdapter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link StorageAdapter} for MongoDB through the Vert.x Mongo Client, in Parse Server's layout:
 * one collection per class named after it, schemas in {@code _SCHEMA}.
 */
public final class MongoStorageAdapter implements StorageAdapter {
  private final MongoClient client;
  private final MongoRelations relations;

  public MongoStorageAdapter(MongoClient client) {
    this.client = client;
    this.relations = new MongoRelations(client);
  }

  /** Connects to {@code connectionString}; the database is the one the URI names. */
  public static MongoStorageAdapter connect(Vertx vertx, String connectionString) {
    JsonObject config = new JsonObject().put("connection_string", connectionString)
        .put("useObjectId", false);
    return new MongoStorageAdapter(MongoClient.createShared(vertx, config, connectionString));
  }

  @Override
  public Future<Void> ping() {
    return guard(() -> client.runCommand("ping", new JsonObject().put("ping", 1)).mapEmpty());
  }

  @Override
  public Future<Map<String, ClassSchema>> loadSchemas() {
    return guard(() -> client.find(MongoSchemaCollection.COLLECTION, new JsonObject())
        .map(docs -> {
          Map<String, ClassSchema> schemas = new LinkedHashMap<>();
          docs.forEach(doc -> {
            ClassSchema schema = MongoSchemaCollection.fromDocument(doc);
            schemas.put(schema.className(), schema);
          });
          return schemas;
        }));
  }

  @Override
  public Future<ClassSchema> getSchema(String className) {
    return guard(() -> client.findOne(MongoSchemaCollection.COLLECTION, idIs(className), null)
        .map(doc -> doc == null ? null : MongoSchemaCollection.fromDocument(doc)));
  }

  @Override
  public Future<Void> createClass(ClassSchema schema) {
    return guard(() -> client.insert(MongoSchemaCollection.COLLECTION,
        MongoSchemaCollection.toDocument(schema)).mapEmpty());
  }

  @Override
  public Future<Void> addFieldsIfMissing(String className, Map<String, SchemaField> fields) {
    List<Future<?>> updates = new ArrayList<>();
    fields.forEach((name, field) -> updates.add(guard(() -> client.updateCollection(
        MongoSchemaCollection.COLLECTION,
        idIs(className).put(name, new JsonObject().put("$exists", false)),
        new JsonObject().put("$set",
            new JsonObject().put(name, MongoSchemaCollection.fieldToMongo(field)))))));
    return Future.all(updates).mapEmpty();
  }

  @Override
  public Future<Void> updateSchema(ClassSchema schema) {
    return guard(() -> client.save(MongoSchemaCollection.COLLECTION,
        MongoSchemaCollection.toDocument(schema)).mapEmpty());
  }

  @Override
  public Future<Void> deleteFields(ClassSchema schema, List<String> fields) {
    JsonObject unset = new JsonObject();
    List<Future<?>> drops = new ArrayList<>();
    for (String field : fields) {
      SchemaField type = schema.field(field);
      if (type != null && type.type() == FieldType.RELATION) {
        drops.add(dropIfExists(MongoRelations.joinCollection(field, schema.className())));
      } else {
        unset.put(MongoFieldNames.toMongo(schema, field), "");
      }
    }
    if (!unset.isEmpty()) {
      drops.add(guard(() -> client.updateCollectionWithOptions(schema.className(),
          new JsonObject(), new JsonObject().put("$unset", unset),
          new UpdateOptions().setMulti(true))));
    }
    return Future.all(drops).mapEmpty();
  }

  @Override
  public Future<Void> deleteClass(ClassSchema schema) {
    List<Future<?>> drops = new ArrayList<>();
    drops.add(dropIfExists(schema.className()));
    schema.fields().forEach((name, field) -> {
      if (field.type() == FieldType.RELATION) {
        drops.add(dropIfExists(MongoRelations.joinCollection(name, schema.className())));
      }
    });
    return Future.all(drops).compose(v -> guard(() -> client.removeDocument(
        MongoSchemaCollection.COLLECTION, idIs(schema.className())).mapEmpty()));
  }

  @Override
  public Future<Void> createIndex(ClassSchema schema, String name, JsonObject keys,
      boolean unique) {
    JsonObject stored = new JsonObject();
    keys.forEach(e -> stored.put(MongoFieldNames.toMongo(schema, e.getKey()), e.getValue()));
    return guard(() -> client.createIndexWithOptions(schema.className(), stored,
        new IndexOptions().name(name).unique(unique)));
  }

  @Override
  public Future<Void> dropIndex(String className, String name) {
    return guard(() -> client.dropIndex(className, name));
  }

  private Future<Void> dropIfExists(String collection) {
    return guard(() -> client.getCollections().compose(names -> names.contains(collection)
        ? client.dropCollection(collection) : Future.succeededFuture()));
  }

  @Override
  public Future<Void> createObject(ClassSchema schema, JsonObject object) {
    return guard(() -> client.insert(schema.className(),
        MongoDocuments.toMongo(schema, object)).mapEmpty());
  }

  @Override
  public Future<JsonObject> updateObject(ClassSchema schema, QueryNode where, JsonObject update) {
    return guard(() -> client.findOneAndUpdateWithOptions(schema.className(),
            MongoQueryTranslator.filter(schema, where), MongoUpdates.toMongo(schema, update),
            new FindOptions(), new UpdateOptions().setReturningNewDocument(true))
        .map(doc -> doc == null ? null : MongoDocuments.toParse(schema, doc)));
  }

  @Override
  public Future<Boolean> deleteObject(ClassSchema schema, QueryNode where) {
    return guard(() -> client.removeDocument(schema.className(),
            MongoQueryTranslator.filter(schema, where))
        .map(result -> result != null && result.getRemovedCount() > 0));
  }

  @Override
  public Future<List<JsonObject>> aggregate(ClassSchema schema, JsonArray pipeline) {
    return guard(() -> {
      JsonArray stages = new MongoAggregation(schema).pipeline(pipeline);
      return client.aggregate(schema.className(), stages)
          .collect(java.util.stream.Collectors.toList())
          .map(docs -> docs.stream().map(doc -> MongoDocuments.fieldsToParse(schema, doc)).toList());
    });
  }

  @Override
  public Future<List<Object>> distinct(ClassSchema schema, String field, QueryNode where) {
    String stored = MongoFieldNames.toMongo(schema, field);
    // note: a $group rather than the distinct command, whose driver codec needs a value class
    JsonArray stages = new JsonArray()
        .add(new JsonObject().put("$match", MongoQueryTranslator.filter(schema, where)))
        .add(new JsonObject().put("$group", new JsonObject().put(MongoFieldNames.ID,
            "$" + stored)));
    return guard(() -> client.aggregate(schema.className(), stages)
        .collect(java.util.stream.Collectors.toList())
        .map(groups -> {
          List<Object> values = new ArrayList<>();
          for (JsonObject group : groups) {
            Object value = group.getValue(MongoFieldNames.ID);
            if (value != null) {
              values.add(MongoDocuments.fieldsToParse(schema,
                  new JsonObject().put(stored, value)).getValue(field));
            }
          }
          return values;
        }));
  }

  @Override
  public Future<Void> purge(ClassSchema schema) {
    return guard(() -> client.removeDocuments(schema.className(), new JsonObject()).mapEmpty());
  }

  @Override
  public Future<List<JsonObject>> find(ClassSchema schema, QueryNode where,
      io.parsevertx.common.query.FindOptions options) {
    FindOptions mongoOptions = new FindOptions()
        .setLimit(options.limit())
        .setSkip(options.skip())
        .setSort(MongoQueryTranslator.sort(schema, options.order()));
    if (options.keys() != null) {
      mongoOptions.setFields(MongoProjection.of(schema, options.keys()));
    }
    if (options.hint() instanceof JsonObject keys) {
      JsonObject stored = new JsonObject();
      keys.forEach(e -> stored.put(MongoFieldNames.toMongo(schema, e.getKey()), e.getValue()));
      mongoOptions.setHint(stored);
    } else if (options.hint() instanceof String indexName) {
      mongoOptions.setHintString(indexName);
    }
    return guard(() -> client.findWithOptions(schema.className(),
            MongoQueryTranslator.filter(schema, where), mongoOptions)
        .map(docs -> docs.stream().map(doc -> MongoDocuments.toParse(schema, doc)).toList()));
  }

  @Override
  public Future<JsonObject> explain(ClassSchema schema, QueryNode where,
      io.parsevertx.common.query.FindOptions options) {
    JsonObject find = new JsonObject().put("find", schema.className())
        .put("filter", MongoQueryTranslator.filter(schema, where))
        .put("sort", MongoQueryTranslator.sort(schema, options.order()))
        .put("skip", options.skip()).put("limit", options.limit());
    return guard(() -> client.runCommand("explain", new JsonObject().put("explain", find)
        .put("verbosity", "queryPlanner")));
  }

  @Override
  public Future<Long> count(ClassSchema schema, QueryNode where) {
    return guard(() -> client.count(schema.className(),
        MongoQueryTranslator.countFilter(schema, where)));
  }

  @Override
  public Future<Void> addRelation(String key, String ownerClass, String owningId,
      String relatedId) {
    return guard(() -> relations.add(key, ownerClass, owningId, relatedId));
  }

  @Override
  public Future<Void> removeRelation(String key, String ownerClass, String owningId,
      String relatedId) {
    return guard(() -> relations.remove(key, ownerClass, owningId, relatedId));
  }

  @Override
  public Future<List<String>> relatedIds(String key, String ownerClass, String owningId) {
    return guard(() -> relations.relatedIds(key, ownerClass, owningId));
  }

  @Override
  public Future<List<String>> owningIds(String key, String ownerClass, List<String> relatedIds) {
    return guard(() -> relations.owningIds(key, ownerClass, relatedIds));
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }

  private static JsonObject idIs(String id) {
    return new JsonObject().put(MongoFieldNames.ID, id);
  }

  /** Runs a driver call, turning both thrown and failed outcomes into Parse errors. */
  private static <T> Future<T> guard(Supplier<Future<T>> call) {
    try {
      return call.get().recover(MongoErrors::translate);
    } catch (RuntimeException e) {
      return MongoErrors.translate(e);
    }
  }
}
