package io.parsevertx.storage.mongo;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.query.SortKey;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.common.types.ParseType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Translates the Parse query AST into a MongoDB filter over Parse Server's layout. */
final class MongoQueryTranslator {

  private MongoQueryTranslator() {}

  static JsonObject filter(ClassSchema schema, QueryNode node) {
    if (node instanceof QueryNode.And and) {
      return and(schema, and.children());
    }
    return constraint(schema, (QueryNode.Constraint) node);
  }

  static JsonObject sort(ClassSchema schema, List<SortKey> order) {
    JsonObject sort = new JsonObject();
    for (SortKey key : order) {
      sort.put(MongoFieldNames.toMongo(schema, key.field()), key.descending() ? -1 : 1);
    }
    return sort;
  }

  /** Merges constraints into one document per field while they don't clash, else $and. */
  private static JsonObject and(ClassSchema schema, List<QueryNode> children) {
    JsonObject merged = new JsonObject();
    JsonArray clauses = new JsonArray();
    for (QueryNode child : children) {
      JsonObject part = filter(schema, child);
      boolean clash = part.fieldNames().stream().anyMatch(field -> merged.containsKey(field)
          && !(merged.getValue(field) instanceof JsonObject a && part.getValue(field)
              instanceof JsonObject b && a.fieldNames().stream().noneMatch(b::containsKey)));
      if (clash) {
        clauses.add(part);
      } else {
        part.forEach(e -> merged.put(e.getKey(), merged.getValue(e.getKey())
            instanceof JsonObject existing ? existing.copy().mergeIn((JsonObject) e.getValue())
            : e.getValue()));
      }
    }
    if (!clauses.isEmpty()) {
      merged.put("$and", clauses);
    }
    return merged;
  }

  private static JsonObject constraint(ClassSchema schema, QueryNode.Constraint c) {
    String field = MongoFieldNames.toMongo(schema, c.field());
    Object operand = switch (c.op()) {
      case IN, NIN -> {
        JsonArray values = new JsonArray();
        ((JsonArray) c.value()).forEach(v -> values.add(queryValue(v)));
        yield values;
      }
      case EXISTS -> c.value();
      default -> queryValue(c.value());
    };
    return new JsonObject().put(field, new JsonObject().put(mongoOperator(c.op()), operand));
  }

  private static String mongoOperator(QueryOp op) {
    return op.wireName();
  }

  /** Query operands use the stored encoding; dates given as ISO strings on date fields too. */
  private static Object queryValue(Object value) {
    if (value instanceof JsonObject json && ParseType.POINTER.wireName().equals(
        json.getValue(ParseFields.TYPE))) {
      return json.getString(ParseFields.CLASS_NAME) + "$" + json.getString(ParseFields.OBJECT_ID);
    }
    if (value instanceof JsonObject json && ParseType.DATE.wireName().equals(
        json.getValue(ParseFields.TYPE))) {
      return MongoValues.mongoDate(ParseDates.parse(json.getString(ParseFields.ISO)));
    }
    return MongoValues.toMongo(value);
  }
}
