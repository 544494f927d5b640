package io.parsevertx.storage.mongo;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.types.ParseDates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** Builds a MongoDB update document from a Parse update body and its {@code __op}s. */
final class MongoUpdates {

  private MongoUpdates() {}

  static JsonObject toMongo(ClassSchema schema, JsonObject update) {
    JsonObject set = new JsonObject();
    JsonObject unset = new JsonObject();
    JsonObject inc = new JsonObject();
    JsonObject push = new JsonObject();
    JsonObject addToSet = new JsonObject();
    JsonObject pullAll = new JsonObject();
    for (Map.Entry<String, Object> entry : update) {
      String field = entry.getKey();
      Object value = entry.getValue();
      String stored = MongoFieldNames.toMongo(schema, field);
      if (field.equals(ParseFields.ACL)) {
        JsonObject acl = new JsonObject();
        MongoDocuments.putAcl(acl, (JsonObject) value);
        set.mergeIn(acl);
      } else if (field.equals("authData") && value instanceof JsonObject providers) {
        providers.forEach(e -> {
          if (e.getValue() == null) {
            unset.put(MongoFieldNames.AUTH_DATA_PREFIX + e.getKey(), "");
          } else {
            set.put(MongoFieldNames.AUTH_DATA_PREFIX + e.getKey(),
                MongoValues.interiorToMongo(e.getValue()));
          }
        });
      } else if (field.equals(ParseFields.UPDATED_AT)) {
        set.put(stored, MongoValues.mongoDate(ParseDates.parse(String.valueOf(value))));
      } else if (value instanceof JsonObject json && json.containsKey(ParseFields.OP)) {
        String op = json.getString(ParseFields.OP);
        switch (op) {
          case "Delete" -> unset.put(stored, "");
          case "Increment" -> inc.put(stored, json.getValue("amount"));
          case "Add" -> push.put(stored, new JsonObject().put("$each", objects(json)));
          case "AddUnique" -> addToSet.put(stored, new JsonObject().put("$each", objects(json)));
          case "Remove" -> pullAll.put(stored, objects(json));
          default -> throw ParseException.of(ParseErrorCode.COMMAND_UNAVAILABLE,
              "The %s operation is not supported yet.", op);
        }
      } else {
        set.put(stored, MongoValues.toMongo(value));
      }
    }
    JsonObject result = new JsonObject();
    putIfAny(result, "$set", set);
    putIfAny(result, "$unset", unset);
    putIfAny(result, "$inc", inc);
    putIfAny(result, "$push", push);
    putIfAny(result, "$addToSet", addToSet);
    putIfAny(result, "$pullAll", pullAll);
    return result;
  }

  private static JsonArray objects(JsonObject op) {
    Object objects = op.getValue("objects");
    if (!(objects instanceof JsonArray array)) {
      throw new ParseException(ParseErrorCode.INVALID_JSON, "objects to add must be an array");
    }
    return (JsonArray) MongoValues.interiorToMongo(array);
  }

  private static void putIfAny(JsonObject result, String operator, JsonObject fields) {
    if (!fields.isEmpty()) {
      result.put(operator, fields);
    }
  }
}
