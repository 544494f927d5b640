package io.parsevertx.data.classes;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.storage.StorageAdapter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code AddRelation}/{@code RemoveRelation} operations of a write (also inside a
 * {@code Batch}), taken out of the body: relations live in join tables, not on the object.
 */
final class RelationChanges {
  private record Change(String field, boolean add, String objectId) {}

  private final List<Change> changes;

  private RelationChanges(List<Change> changes) {
    this.changes = changes;
  }

  /** Removes the relation operations from {@code body} and keeps them. */
  static RelationChanges extract(JsonObject body) {
    List<Change> changes = new ArrayList<>();
    for (String field : List.copyOf(body.fieldNames())) {
      if (body.getValue(field) instanceof JsonObject op && isRelationOp(op)) {
        collect(field, op, changes);
        body.remove(field);
      }
    }
    return new RelationChanges(changes);
  }

  boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Writes the changes for the object {@code ownerClass/owningId}. */
  Future<Void> apply(StorageAdapter storage, String ownerClass, String owningId) {
    List<Future<Void>> writes = new ArrayList<>();
    for (Change change : changes) {
      writes.add(change.add()
          ? storage.addRelation(change.field(), ownerClass, owningId, change.objectId())
          : storage.removeRelation(change.field(), ownerClass, owningId, change.objectId()));
    }
    return Future.all(writes).mapEmpty();
  }

  private static boolean isRelationOp(JsonObject op) {
    Object name = op.getValue(ParseFields.OP);
    return "AddRelation".equals(name) || "RemoveRelation".equals(name)
        || ("Batch".equals(name) && op.getValue("ops") instanceof JsonArray);
  }

  private static void collect(String field, JsonObject op, List<Change> out) {
    String name = op.getString(ParseFields.OP);
    if ("Batch".equals(name)) {
      for (Object inner : op.getJsonArray("ops")) {
        if (!(inner instanceof JsonObject innerOp) || !isRelationOp(innerOp)) {
          throw new ParseException(ParseErrorCode.INVALID_JSON,
              "a Batch operation may only hold AddRelation and RemoveRelation");
        }
        collect(field, innerOp, out);
      }
      return;
    }
    String targetClass = null;
    for (Object item : op.getJsonArray("objects", new JsonArray())) {
      if (!(item instanceof JsonObject pointer) || !(pointer.getValue(ParseFields.OBJECT_ID)
          instanceof String id) || !(pointer.getValue(ParseFields.CLASS_NAME) instanceof String c)) {
        throw ParseException.of(ParseErrorCode.INVALID_POINTER, "%s of %s needs pointers", name,
            field);
      }
      if (targetClass != null && !targetClass.equals(c)) {
        throw ParseException.of(ParseErrorCode.INCORRECT_TYPE,
            "all objects of %s must be of one class", field);
      }
      targetClass = c;
      out.add(new Change(field, "AddRelation".equals(name), id));
    }
  }
}
