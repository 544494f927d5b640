package io.parsevertx.data.query;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.types.ParseType;
import io.parsevertx.storage.schema.SchemaController;
import io.parsevertx.common.security.AccessPolicy;
import io.parsevertx.common.security.ProtectedFields;
import io.parsevertx.storage.StorageAdapter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces pointers named by {@code include} with the objects they point to (as
 * {@code {"__type":"Object","className":...}}), level by level, one query per class and level.
 * A pointer whose object is gone stays a pointer, as in Parse Server.
 */
public final class IncludeResolver {
  private static final FindOptions ALL = new FindOptions(List.of(), Integer.MAX_VALUE, 0, null,
      false);

  private final StorageAdapter storage;
  private final SchemaController schemas;
  private final JsonObject protectedFields;

  /** @param protectedFields the {@code protectedFields} option, applied to included objects */
  public IncludeResolver(StorageAdapter storage, SchemaController schemas,
      JsonObject protectedFields) {
    this.storage = storage;
    this.schemas = schemas;
    this.protectedFields = protectedFields;
  }

  /** Includes {@code paths} into {@code objects}, in place; only objects the caller may read. */
  public Future<Void> include(List<JsonObject> objects, IncludePaths paths,
      AccessPolicy policy) {
    if (paths.isEmpty() || objects.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<String, IncludePaths> fields = new LinkedHashMap<>(paths.children());
    IncludePaths everything = fields.remove(IncludePaths.ALL);
    if (everything != null) {
      objects.forEach(o -> o.forEach(e -> {
        if (!pointersIn(e.getValue()).isEmpty()) {
          fields.putIfAbsent(e.getKey(), everything);
        }
      }));
    }
    List<Future<Void>> levels = new ArrayList<>();
    fields.forEach((field, sub) -> levels.add(includeField(objects, field, sub, policy)));
    return Future.all(levels).mapEmpty();
  }

  private Future<Void> includeField(List<JsonObject> objects, String field, IncludePaths sub,
      AccessPolicy policy) {
    Map<String, Set<String>> idsByClass = new LinkedHashMap<>();
    for (JsonObject object : objects) {
      for (JsonObject pointer : pointersIn(object.getValue(field))) {
        idsByClass.computeIfAbsent(pointer.getString(ParseFields.CLASS_NAME),
            k -> new LinkedHashSet<>()).add(pointer.getString(ParseFields.OBJECT_ID));
      }
    }
    Map<String, JsonObject> fetched = new HashMap<>();
    List<Future<Void>> loads = new ArrayList<>();
    idsByClass.forEach((className, ids) -> loads.add(load(className, ids, policy)
        .compose(found -> {
          found.forEach(o -> fetched.put(className + "$" + o.getString(ParseFields.OBJECT_ID), o));
          return include(found, sub, policy);
        })));
    return Future.all(loads).map(done -> {
      objects.forEach(object -> replace(object, field, fetched));
      return null;
    });
  }

  private Future<List<JsonObject>> load(String className, Set<String> ids, AccessPolicy policy) {
    return schemas.find(className).compose(schema -> schema == null
        ? Future.succeededFuture(List.of())
        : storage.find(schema, policy.readable(new QueryNode.Constraint(ParseFields.OBJECT_ID,
            QueryOp.IN, new JsonArray(new ArrayList<>(ids)))), ALL).map(found -> {
              ProtectedFields.Hidden hidden =
                  ProtectedFields.forCaller(schema, policy, protectedFields);
              found.forEach(o -> ProtectedFields.strip(schema, o, hidden, policy));
              return found;
            }));
  }

  private static void replace(JsonObject object, String field, Map<String, JsonObject> fetched) {
    Object value = object.getValue(field);
    if (value instanceof JsonArray array) {
      JsonArray replaced = new JsonArray();
      array.forEach(item -> replaced.add(item instanceof JsonObject p && isPointer(p)
          ? full(p, fetched) : item));
      object.put(field, replaced);
    } else if (value instanceof JsonObject pointer && isPointer(pointer)) {
      object.put(field, full(pointer, fetched));
    }
  }

  private static JsonObject full(JsonObject pointer, Map<String, JsonObject> fetched) {
    String className = pointer.getString(ParseFields.CLASS_NAME);
    JsonObject found = fetched.get(className + "$" + pointer.getString(ParseFields.OBJECT_ID));
    if (found == null) {
      return pointer;
    }
    return new JsonObject().put(ParseFields.TYPE, ParseType.OBJECT.wireName())
        .put(ParseFields.CLASS_NAME, className).mergeIn(found.copy());
  }

  private static List<JsonObject> pointersIn(Object value) {
    List<JsonObject> pointers = new ArrayList<>();
    if (value instanceof JsonObject json && isPointer(json)) {
      pointers.add(json);
    } else if (value instanceof JsonArray array) {
      array.forEach(item -> {
        if (item instanceof JsonObject json && isPointer(json)) {
          pointers.add(json);
        }
      });
    }
    return pointers;
  }

  private static boolean isPointer(JsonObject json) {
    return ParseType.POINTER.wireName().equals(json.getValue(ParseFields.TYPE))
        && json.getValue(ParseFields.CLASS_NAME) instanceof String
        && json.getValue(ParseFields.OBJECT_ID) instanceof String;
  }
}
