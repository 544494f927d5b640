package io.parsevertx.storage;

import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.SchemaField;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The storage SPI. An adapter receives Parse objects in Parse's JSON encoding, the query AST and
 * the class schema, and stores them in its database's own layout - never a driver document from
 * outside. Every Future fails with a {@link io.parsevertx.common.error.ParseException}:
 * {@code DUPLICATE_VALUE} (137) for a unique-index clash, {@code INTERNAL_SERVER_ERROR} (1) when
 * the database fails.
 */
public interface StorageAdapter {

  /** Succeeds when the database answers. */
  Future<Void> ping();

  /** @return every stored class schema, by class name */
  Future<Map<String, ClassSchema>> loadSchemas();

  /** @return the stored schema of {@code className}, or null when the class does not exist */
  Future<ClassSchema> getSchema(String className);

  /**
   * Stores a new class.
   *
   * @return fails with {@code DUPLICATE_VALUE} (137) when the class already exists
   */
  Future<Void> createClass(ClassSchema schema);

  /**
   * Adds fields to a class where they are not yet defined; fields that exist keep their type
   * (the caller re-reads the schema to see who won a race).
   */
  Future<Void> addFieldsIfMissing(String className, Map<String, SchemaField> fields);

  /** Replaces the stored schema of a class: fields, class-level permissions, index metadata. */
  Future<Void> updateSchema(ClassSchema schema);

  /**
   * Removes {@code fields} from every object of the class (a relation field's join table goes
   * too); the caller updates the schema.
   */
  Future<Void> deleteFields(ClassSchema schema, List<String> fields);

  /** Drops the class: its objects, its relation join tables and its schema. */
  Future<Void> deleteClass(ClassSchema schema);

  /**
   * Creates an index named {@code name} over Parse field names ({@code {"score": -1}}).
   *
   * @return fails with {@code DUPLICATE_VALUE} (137) when existing objects clash with a unique
   *     index
   */
  Future<Void> createIndex(ClassSchema schema, String name, JsonObject keys, boolean unique);

  /** Drops the index named {@code name}. */
  Future<Void> dropIndex(String className, String name);

  /**
   * Inserts one object; {@code object} carries objectId, createdAt and updatedAt.
   *
   * @return fails with {@code DUPLICATE_VALUE} (137) when the objectId (or a unique field) exists
   */
  Future<Void> createObject(ClassSchema schema, JsonObject object);

  /**
   * Applies {@code update} (plain values and Parse's {@code __op} operations) to the first object
   * matching {@code where}.
   *
   * @return the object after the update, or null when none matched
   */
  Future<JsonObject> updateObject(ClassSchema schema, QueryNode where, JsonObject update);

  /** @return true when an object matched {@code where} and was deleted */
  Future<Boolean> deleteObject(ClassSchema schema, QueryNode where);

  /**
   * Runs an aggregation pipeline written with Parse field names.
   *
   * @return the result documents with stored names mapped back ({@code _id} becomes
   *     {@code objectId}); fails with 102 for a stage it cannot translate
   */
  Future<List<JsonObject>> aggregate(ClassSchema schema, io.vertx.core.json.JsonArray pipeline);

  /** @return the distinct values of {@code field} among the objects matching {@code where} */
  Future<List<Object>> distinct(ClassSchema schema, String field, QueryNode where);

  /** Deletes every object of the class; the class and its schema stay. */
  Future<Void> purge(ClassSchema schema);

  /** @return the matching objects in Parse's JSON encoding, File values without their url */
  Future<List<JsonObject>> find(ClassSchema schema, QueryNode where, FindOptions options);

  /** @return the database's query plan for this find (its own format) */
  Future<JsonObject> explain(ClassSchema schema, QueryNode where, FindOptions options);

  /** @return how many objects match {@code where} */
  Future<Long> count(ClassSchema schema, QueryNode where);

  /**
   * Puts {@code relatedId} into relation {@code key} of {@code ownerClass}/{@code owningId}
   * (Parse's {@code _Join:<key>:<ownerClass>} table); adding twice keeps one entry.
   */
  Future<Void> addRelation(String key, String ownerClass, String owningId, String relatedId);

  /** Takes {@code relatedId} out of relation {@code key} of the owner; absent is fine. */
  Future<Void> removeRelation(String key, String ownerClass, String owningId, String relatedId);

  /** @return the ids of the objects in relation {@code key} of the owner */
  Future<List<String>> relatedIds(String key, String ownerClass, String owningId);

  /** @return the ids of the owners whose relation {@code key} holds any of {@code relatedIds} */
  Future<List<String>> owningIds(String key, String ownerClass, List<String> relatedIds);

  /**
   * Runs {@code work} in one database transaction: everything it does through the adapter it
   * is given commits together, or (when the future fails) nothing does, schema changes
   * included.
   *
   * @return fails with {@code COMMAND_UNAVAILABLE} (108) on a database without transactions
   */
  default <T> Future<T> inTransaction(java.util.function.Function<StorageAdapter, Future<T>> work) {
    return Future.failedFuture(new io.parsevertx.common.error.ParseException(
        io.parsevertx.common.error.ParseErrorCode.COMMAND_UNAVAILABLE,
        "Batch transactions are not supported by this database."));
  }

  /** Releases connections. */
  Future<Void> close();
}
