package io.parsevertx.storage.schema;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.SchemaField;
import io.parsevertx.storage.StorageAdapter;
import io.parsevertx.common.bus.EventBusAddresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Class schemas for data-service: cached, created on a class's first write, extended when a
 * write brings new fields, and the judge of type clashes (111). Races between writers are
 * settled by the database: fields are added only where missing, then re-read.
 */
public final class SchemaController {
  private static final String CLASS_NAME = "className";
  private final StorageAdapter storage;
  private final Map<String, ClassSchema> cache = new ConcurrentHashMap<>();
  private final Consumer<String> onChange;

  /**
   * @param onChange told the name of every class whose schema this controller changed, so that
   *     other processes can drop their cached copy
   */
  public SchemaController(StorageAdapter storage, Consumer<String> onChange) {
    this.storage = storage;
    this.onChange = onChange;
  }

  /**
   * A controller whose changes are published on the event bus, so every process (and every
   * other instance in this one) drops its cached copy.
   */
  public static SchemaController withBusInvalidation(EventBus bus, StorageAdapter storage) {
    return new SchemaController(storage, busPublisher(bus));
  }

  /** Tells every process on the bus that a class's schema changed. */
  public static Consumer<String> busPublisher(EventBus bus) {
    return className -> bus.publish(EventBusAddresses.SCHEMA_CHANGED,
        new JsonObject().put(CLASS_NAME, className));
  }

  /** Listens for schema changes made anywhere and forgets the changed class. */
  public MessageConsumer<JsonObject> listen(EventBus bus) {
    return bus.consumer(EventBusAddresses.SCHEMA_CHANGED,
        message -> invalidate(message.body().getString(CLASS_NAME)));
  }

  /** @return every class schema, read from the database */
  public Future<Map<String, ClassSchema>> all() {
    return storage.loadSchemas().map(schemas -> {
      cache.clear();
      cache.putAll(schemas);
      return schemas;
    });
  }

  /** Forgets the cached schema of {@code className}; the next use reads the database. */
  public void invalidate(String className) {
    cache.remove(className);
  }

  /** Records a schema this service just stored, and tells the other processes. */
  public void changed(ClassSchema schema) {
    cache.put(schema.className(), schema);
    onChange.accept(schema.className());
  }

  /** Records that a class was dropped, and tells the other processes. */
  public void dropped(String className) {
    cache.remove(className);
    onChange.accept(className);
  }

  /** @return the class's schema, or null when the class does not exist */
  public Future<ClassSchema> find(String className) {
    ClassSchema cached = cache.get(className);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return reload(className);
  }

  /**
   * Makes sure {@code className} exists and holds {@code fields} with these types.
   *
   * @return the schema after the change
   * @throws ParseException 111 (in the Future) when a field exists with another type
   */
  public Future<ClassSchema> enforce(String className, Map<String, SchemaField> fields) {
    return find(className).compose(existing -> {
      if (existing == null) {
        return storage.createClass(new ClassSchema(className, fields, null, null))
            .recover(e -> isDuplicate(e) ? Future.succeededFuture() : Future.failedFuture(e))
            .compose(v -> reload(className))
            .compose(created -> addMissing(created, fields))
            .onSuccess(created -> onChange.accept(className));
      }
      return addMissing(existing, fields);
    });
  }

  private Future<ClassSchema> addMissing(ClassSchema schema, Map<String, SchemaField> fields) {
    Map<String, SchemaField> missing = new LinkedHashMap<>();
    fields.forEach((name, field) -> {
      SchemaField current = schema.field(name);
      if (current == null) {
        missing.put(name, field);
      } else {
        requireSameType(schema.className(), name, current, field);
      }
    });
    if (missing.isEmpty()) {
      return Future.succeededFuture(schema);
    }
    return storage.addFieldsIfMissing(schema.className(), missing)
        .compose(v -> reload(schema.className()))
        .map(updated -> {
          // note: another writer may have added the same field first, with another type
          fields.forEach((name, field) ->
              requireSameType(updated.className(), name, updated.field(name), field));
          onChange.accept(updated.className());
          return updated;
        });
  }

  private Future<ClassSchema> reload(String className) {
    return storage.getSchema(className).map(schema -> {
      if (schema == null) {
        cache.remove(className);
      } else {
        cache.put(className, schema);
      }
      return schema;
    });
  }

  private static void requireSameType(String className, String name, SchemaField current,
      SchemaField wanted) {
    if (current != null && !current.accepts(wanted)) {
      throw ParseException.of(ParseErrorCode.INCORRECT_TYPE,
          "schema mismatch for %s.%s; expected %s but got %s", className, name,
          current.describe(), wanted.describe());
    }
  }

  private static boolean isDuplicate(Throwable e) {
    return e instanceof ParseException pe && pe.code() == ParseErrorCode.DUPLICATE_VALUE;
  }
}
