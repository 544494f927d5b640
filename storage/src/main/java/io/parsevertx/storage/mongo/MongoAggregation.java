package io.parsevertx.storage.mongo;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.WhereParser;
import io.parsevertx.common.schema.ClassSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * Translates an aggregation pipeline written with Parse field names ({@code objectId},
 * {@code createdAt}, pointer fields) into MongoDB's stored names, stage by stage.
 */
final class MongoAggregation {
  private static final Set<String> PASS_THROUGH = Set.of("$limit", "$skip", "$count", "$sample");

  private final ClassSchema schema;

  MongoAggregation(ClassSchema schema) {
    this.schema = schema;
  }

  JsonArray pipeline(JsonArray stages) {
    JsonArray translated = new JsonArray();
    for (Object item : stages) {
      if (!(item instanceof JsonObject stage) || stage.size() != 1) {
        throw bad("each pipeline stage must be an object with one operator");
      }
      Map.Entry<String, Object> only = stage.iterator().next();
      translated.add(new JsonObject().put(only.getKey(), stage(only.getKey(), only.getValue())));
    }
    return translated;
  }

  private Object stage(String name, Object value) {
    if (PASS_THROUGH.contains(name)) {
      return value;
    }
    return switch (name) {
      case "$match" -> MongoQueryTranslator.filter(schema, WhereParser.parse(object(name, value)));
      case "$group" -> group(object(name, value));
      case "$project", "$sort", "$addFields", "$set" -> renameKeys(object(name, value));
      case "$unwind" -> value instanceof JsonObject spec
          ? spec.copy().put("path", expression(spec.getValue("path"))) : expression(value);
      case "$lookup" -> lookup(object(name, value));
      default -> throw bad("Invalid aggregate stage '" + name + "'.");
    };
  }

  /** Parse lets {@code objectId} stand for the group key {@code _id}. */
  private JsonObject group(JsonObject group) {
    JsonObject out = new JsonObject();
    for (Map.Entry<String, Object> entry : group) {
      String key = ParseFields.OBJECT_ID.equals(entry.getKey()) ? MongoFieldNames.ID
          : entry.getKey();
      out.put(key, expression(entry.getValue()));
    }
    if (!out.containsKey(MongoFieldNames.ID)) {
      throw bad("Invalid parameter for query: group. Missing key _id");
    }
    return out;
  }

  private JsonObject lookup(JsonObject lookup) {
    JsonObject out = lookup.copy();
    if (lookup.getValue("localField") instanceof String local) {
      out.put("localField", MongoFieldNames.toMongo(schema, local));
    }
    if (ParseFields.OBJECT_ID.equals(lookup.getValue("foreignField"))) {
      out.put("foreignField", MongoFieldNames.ID);
    }
    return out;
  }

  private JsonObject renameKeys(JsonObject spec) {
    JsonObject out = new JsonObject();
    spec.forEach(e -> out.put(MongoFieldNames.toMongo(schema, e.getKey()),
        expression(e.getValue())));
    return out;
  }

  /** Field references ({@code "$createdAt"}) in expressions point at stored names. */
  private Object expression(Object value) {
    if (value instanceof String s && s.startsWith("$") && !s.startsWith("$$")) {
      String path = s.substring(1);
      String top = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
      return "$" + MongoFieldNames.toMongo(schema, top) + path.substring(top.length());
    }
    if (value instanceof JsonObject json) {
      JsonObject out = new JsonObject();
      json.forEach(e -> out.put(e.getKey(), expression(e.getValue())));
      return out;
    }
    if (value instanceof JsonArray array) {
      JsonArray out = new JsonArray();
      array.forEach(item -> out.add(expression(item)));
      return out;
    }
    return value;
  }

  private static JsonObject object(String stage, Object value) {
    if (value instanceof JsonObject json) {
      return json;
    }
    throw bad(stage + " must be an object");
  }

  private static ParseException bad(String message) {
    return new ParseException(ParseErrorCode.INVALID_QUERY, message);
  }
}
