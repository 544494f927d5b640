package io.parsevertx.storage.mongo;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.query.QueryOperands.NearSphere;
import io.parsevertx.common.query.QueryOperands.Regex;
import io.parsevertx.common.query.QueryOperands.TextSearch;
import io.parsevertx.common.query.SortKey;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.common.types.ParseType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Translates the Parse query AST into a MongoDB filter over Parse Server's layout. */
final class MongoQueryTranslator {
  private final ClassSchema schema;
  private final boolean forCount;

  private MongoQueryTranslator(ClassSchema schema, boolean forCount) {
    this.schema = schema;
    this.forCount = forCount;
  }

  /** The filter of a find. */
  static JsonObject filter(ClassSchema schema, QueryNode node) {
    return new MongoQueryTranslator(schema, false).translate(node);
  }

  /** The filter of a count, where MongoDB refuses {@code $nearSphere}. */
  static JsonObject countFilter(ClassSchema schema, QueryNode node) {
    return new MongoQueryTranslator(schema, true).translate(node);
  }

  static JsonObject sort(ClassSchema schema, List<SortKey> order) {
    JsonObject sort = new JsonObject();
    for (SortKey key : order) {
      sort.put(MongoFieldNames.toMongo(schema, key.field()), key.descending() ? -1 : 1);
    }
    return sort;
  }

  private JsonObject translate(QueryNode node) {
    if (node instanceof QueryNode.And and) {
      return and(and.children());
    }
    if (node instanceof QueryNode.Or or) {
      return new JsonObject().put("$or", list(or.children()));
    }
    if (node instanceof QueryNode.Nor nor) {
      return new JsonObject().put("$nor", list(nor.children()));
    }
    if (node instanceof QueryNode.Constraint c && !c.op().isSubQuery()) {
      return c.op() == QueryOp.TEXT ? MongoGeoText.text((TextSearch) c.value()) : constraint(c);
    }
    // note: data-service resolves sub-queries and $relatedTo before storage sees a query
    throw new IllegalStateException("unresolved query node: " + node);
  }

  /** Merges constraints into one document per field while they don't clash, else $and. */
  private JsonObject and(List<QueryNode> children) {
    JsonObject merged = new JsonObject();
    JsonArray clauses = new JsonArray();
    for (QueryNode child : children) {
      JsonObject part = translate(child);
      boolean clash = part.fieldNames().stream().anyMatch(field -> merged.containsKey(field)
          && !(merged.getValue(field) instanceof JsonObject a && part.getValue(field)
              instanceof JsonObject b && a.fieldNames().stream().noneMatch(b::containsKey)
              && a.fieldNames().stream().allMatch(k -> k.startsWith("$"))));
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

  private JsonArray list(List<QueryNode> children) {
    JsonArray clauses = new JsonArray();
    children.forEach(child -> clauses.add(translate(child)));
    return clauses;
  }

  private JsonObject constraint(QueryNode.Constraint c) {
    String field = MongoFieldNames.toMongo(schema, c.field());
    if (c.op() == QueryOp.EQ) {
      Object value = queryValue(c.value());
      // note: scalars in the plain form, which mongo-java-server answers from the _id index and
      // MongoDB treats the same as $eq; objects keep $eq so they never merge with operators
      return new JsonObject().put(field, value instanceof JsonObject || value instanceof JsonArray
          ? new JsonObject().put("$eq", value) : value);
    }
    JsonObject condition = switch (c.op()) {
      case IN, NIN, ALL -> new JsonObject().put(c.op().wireName(), values(c.value()));
      case CONTAINED_BY -> new JsonObject().put("$not", new JsonObject().put("$elemMatch",
          new JsonObject().put("$nin", values(c.value()))));
      case EXISTS -> new JsonObject().put("$exists", c.value());
      case REGEX -> {
        Regex regex = (Regex) c.value();
        JsonObject r = new JsonObject().put("$regex", regex.pattern());
        yield regex.options().isEmpty() ? r : r.put("$options", regex.options());
      }
      case NEAR_SPHERE -> forCount ? MongoGeoText.nearAsWithin((NearSphere) c.value())
          : MongoGeoText.geo(c.value());
      case WITHIN, GEO_WITHIN, GEO_INTERSECTS -> MongoGeoText.geo(c.value());
      default -> new JsonObject().put(c.op().wireName(), queryValue(c.value()));
    };
    return new JsonObject().put(field, condition);
  }

  private static JsonArray values(Object operand) {
    JsonArray values = new JsonArray();
    ((JsonArray) operand).forEach(v -> values.add(queryValue(v)));
    return values;
  }

  /** Query operands use the stored encoding: pointers as Class$id, dates as BSON dates. */
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
