package io.parsevertx.data.schema;

import io.parsevertx.storage.schema.SchemaController;
import io.parsevertx.common.ParseFields;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.SchemaField;
import io.parsevertx.storage.StorageAdapter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations behind {@code /schemas} (master key only): list, read, create, change (add and
 * delete fields, class-level permissions, indexes) and drop classes.
 */
public final class SchemaService {
  private final StorageAdapter storage;
  private final SchemaController schemas;

  public SchemaService(StorageAdapter storage, SchemaController schemas) {
    this.storage = storage;
    this.schemas = schemas;
  }

  /** @return {@code {"results":[schema...]}}; fails with 119 without the master key */
  public Future<JsonObject> all(ServiceRequest request) {
    requireMaster(request);
    return schemas.all().map(all -> {
      JsonArray results = new JsonArray();
      all.values().stream()
          .filter(schema -> !ClassNames.BOOKKEEPING_CLASSES.contains(schema.className()))
          .forEach(schema -> results.add(schema.toJson()));
      return new JsonObject().put("results", results);
    });
  }

  /** @return the schema; fails with 103 when the class does not exist */
  public Future<JsonObject> get(ServiceRequest request) {
    requireMaster(request);
    return existing(request.className()).map(ClassSchema::toJson);
  }

  /** @return the new schema; fails with 103 when the class exists or the names disagree */
  public Future<JsonObject> create(ServiceRequest request) {
    requireMaster(request);
    String className = classNameOf(request);
    JsonObject body = request.body();
    Map<String, SchemaField> fields = new LinkedHashMap<>();
    body.getJsonObject("fields", new JsonObject())
        .forEach(e -> fields.put(e.getKey(), FieldDefinitions.parse(e.getKey(), e.getValue())));
    JsonObject clp = body.containsKey("classLevelPermissions")
        ? ClassLevelPermissions.validate(body.getValue("classLevelPermissions")) : null;
    ClassSchema schema = new ClassSchema(className, fields, clp, null);
    IndexChanges indexes = IndexChanges.parse(body.getValue("indexes"), schema);
    return schemas.find(className).compose(found -> {
      if (found != null) {
        return Future.failedFuture(ParseException.of(ParseErrorCode.INVALID_CLASS_NAME,
            "Class %s already exists.", className));
      }
      return storage.createClass(schema)
          .recover(e -> Future.failedFuture(isDuplicate(e) ? ParseException.of(
              ParseErrorCode.INVALID_CLASS_NAME, "Class %s already exists.", className) : e))
          .compose(v -> store(schema, indexes));
    });
  }

  /** @return the changed schema; fails with 103 for a missing class, 255 for a bad change */
  public Future<JsonObject> update(ServiceRequest request) {
    requireMaster(request);
    String className = classNameOf(request);
    JsonObject body = request.body();
    return existing(className).compose(current -> {
      Map<String, SchemaField> fields = new LinkedHashMap<>(current.fields());
      List<String> deleted = new ArrayList<>();
      body.getJsonObject("fields", new JsonObject()).forEach(e -> {
        String name = e.getKey();
        if (FieldDefinitions.isDelete(e.getValue())) {
          if (current.field(name) == null || ParseFields.DEFAULT_FIELDS.contains(name)) {
            throw ParseException.of(ParseErrorCode.INVALID_SCHEMA_OPERATION,
                "Field %s does not exist, cannot delete.", name);
          }
          fields.remove(name);
          deleted.add(name);
        } else {
          if (current.field(name) != null) {
            throw ParseException.of(ParseErrorCode.INVALID_SCHEMA_OPERATION,
                "Field %s exists, cannot update.", name);
          }
          fields.put(name, FieldDefinitions.parse(name, e.getValue()));
        }
      });
      JsonObject clp = body.containsKey("classLevelPermissions")
          ? ClassLevelPermissions.validate(body.getValue("classLevelPermissions"))
          : current.classLevelPermissions();
      ClassSchema changed = new ClassSchema(className, fields, clp, current.indexes());
      IndexChanges indexes = IndexChanges.parse(body.getValue("indexes"), changed);
      return storage.deleteFields(current, deleted).compose(v -> store(changed, indexes));
    });
  }

  /** @return {@code {}}; fails with 255 while the class still holds objects */
  public Future<JsonObject> delete(ServiceRequest request) {
    requireMaster(request);
    String className = ClassNames.requireValidClassName(request.className());
    return schemas.find(className).compose(schema -> {
      if (schema == null) {
        return Future.succeededFuture(new JsonObject());
      }
      return storage.count(schema, QueryNode.matchAll()).compose(count -> {
        if (count > 0) {
          return Future.failedFuture(ParseException.of(ParseErrorCode.INVALID_SCHEMA_OPERATION,
              "Class %s is not empty, contains %d objects, cannot drop schema.", className,
              count));
        }
        return storage.deleteClass(schema).map(v -> {
          schemas.dropped(className);
          return new JsonObject();
        });
      });
    });
  }

  private Future<JsonObject> store(ClassSchema schema, IndexChanges indexes) {
    return indexes.apply(storage, schema).compose(indexMetadata -> {
      ClassSchema stored = new ClassSchema(schema.className(), schema.fields(),
          schema.classLevelPermissions(), indexMetadata);
      return storage.updateSchema(stored).map(v -> {
        schemas.changed(stored);
        return stored.toJson();
      });
    });
  }

  private Future<ClassSchema> existing(String className) {
    ClassNames.requireValidClassName(className);
    return schemas.find(className).compose(schema -> schema != null
        ? Future.succeededFuture(schema)
        : Future.failedFuture(ParseException.of(ParseErrorCode.INVALID_CLASS_NAME,
            "Class %s does not exist.", className)));
  }

  private static String classNameOf(ServiceRequest request) {
    String fromPath = request.className();
    Object fromBody = request.body().getValue(ParseFields.CLASS_NAME);
    if (fromPath != null && fromBody != null && !fromPath.equals(fromBody)) {
      throw ParseException.of(ParseErrorCode.INVALID_CLASS_NAME,
          "Class name mismatch between %s and %s.", fromBody, fromPath);
    }
    String name = fromPath != null ? fromPath : fromBody instanceof String s ? s : null;
    if (name == null) {
      throw new ParseException(ParseErrorCode.INVALID_CLASS_NAME, "POST /schemas needs a class name.");
    }
    return ClassNames.requireValidClassName(name);
  }

  private static void requireMaster(ServiceRequest request) {
    if (!request.auth().master() && !request.auth().readOnlyMaster()) {
      throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
          "unauthorized: master key is required");
    }
  }

  private static boolean isDuplicate(Throwable e) {
    return e instanceof ParseException pe && pe.code() == ParseErrorCode.DUPLICATE_VALUE;
  }
}
