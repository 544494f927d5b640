package io.parsevertx.data.query;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.query.QueryOperands.Select;
import io.parsevertx.common.query.QueryOperands.SubQuery;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import io.parsevertx.common.types.ParseType;
import io.parsevertx.storage.schema.SchemaController;
import io.parsevertx.common.security.AccessPolicy;
import io.parsevertx.storage.StorageAdapter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites what storage cannot run alone into plain constraints: {@code $inQuery} and
 * {@code $notInQuery} into pointer lists, {@code $select}/{@code $dontSelect} into value lists,
 * {@code $relatedTo} and equality on a Relation field into objectId lists from the join tables.
 */
public final class QueryResolver {
  private static final FindOptions ALL = new FindOptions(List.of(), Integer.MAX_VALUE, 0, null,
      false);

  private final StorageAdapter storage;
  private final SchemaController schemas;

  public QueryResolver(StorageAdapter storage, SchemaController schemas) {
    this.storage = storage;
    this.schemas = schemas;
  }

  /**
   * @param policy what the caller may read: sub-queries see only those objects too
   * @return {@code node} with every sub-query replaced by its results
   */
  public Future<QueryNode> resolve(ClassSchema schema, QueryNode node, AccessPolicy policy) {
    if (node instanceof QueryNode.And and) {
      return all(schema, and.children(), policy).map(QueryNode.And::new);
    }
    if (node instanceof QueryNode.Or or) {
      return all(schema, or.children(), policy).map(QueryNode.Or::new);
    }
    if (node instanceof QueryNode.Nor nor) {
      return all(schema, nor.children(), policy).map(QueryNode.Nor::new);
    }
    if (node instanceof QueryNode.RelatedTo related) {
      return storage.relatedIds(related.key(), related.ownerClass(), related.ownerId())
          .map(ids -> objectIdIn(ids));
    }
    QueryNode.Constraint c = (QueryNode.Constraint) node;
    return switch (c.op()) {
      case IN_QUERY, NOT_IN_QUERY -> pointersOf((SubQuery) c.value(), policy).map(pointers ->
          new QueryNode.Constraint(c.field(), c.op() == QueryOp.IN_QUERY ? QueryOp.IN
              : QueryOp.NIN, pointers));
      case SELECT, DONT_SELECT -> valuesOf((Select) c.value(), policy).map(values ->
          new QueryNode.Constraint(c.field(), c.op() == QueryOp.SELECT ? QueryOp.IN
              : QueryOp.NIN, values));
      case EQ, IN -> isRelation(schema, c.field()) ? relationMembers(schema, c)
          : Future.succeededFuture(c);
      default -> Future.succeededFuture(c);
    };
  }

  private Future<List<QueryNode>> all(ClassSchema schema, List<QueryNode> children,
      AccessPolicy policy) {
    List<Future<QueryNode>> resolved = children.stream().map(c -> resolve(schema, c, policy))
        .toList();
    return Future.all(resolved).map(done -> resolved.stream().map(Future::result).toList());
  }

  private Future<List<JsonObject>> run(SubQuery query, AccessPolicy policy) {
    return schemas.find(query.className()).compose(schema -> schema == null
        ? Future.succeededFuture(List.of())
        : resolve(schema, query.where(), policy).compose(where -> storage.find(schema,
            policy.readable(where), ALL)));
  }

  private Future<JsonArray> pointersOf(SubQuery query, AccessPolicy policy) {
    return run(query, policy).map(objects -> {
      JsonArray pointers = new JsonArray();
      objects.forEach(o -> pointers.add(pointer(query.className(),
          o.getString(ParseFields.OBJECT_ID))));
      return pointers;
    });
  }

  private Future<JsonArray> valuesOf(Select select, AccessPolicy policy) {
    return run(select.query(), policy).map(objects -> {
      JsonArray values = new JsonArray();
      objects.stream().filter(o -> o.containsKey(select.key()))
          .forEach(o -> values.add(o.getValue(select.key())));
      return values;
    });
  }

  /** {@code likes = <pointer>} on a Relation field: owners whose relation holds the pointer. */
  private Future<QueryNode> relationMembers(ClassSchema schema, QueryNode.Constraint c) {
    List<String> ids = new ArrayList<>();
    Iterable<?> values = c.op() == QueryOp.IN ? (JsonArray) c.value() : List.of(c.value());
    for (Object value : values) {
      if (value instanceof JsonObject pointer
          && pointer.getValue(ParseFields.OBJECT_ID) instanceof String id) {
        ids.add(id);
      }
    }
    return storage.owningIds(c.field(), schema.className(), ids).map(QueryResolver::objectIdIn);
  }

  private static QueryNode objectIdIn(List<String> ids) {
    return new QueryNode.Constraint(ParseFields.OBJECT_ID, QueryOp.IN,
        new JsonArray(new ArrayList<>(ids)));
  }

  private static boolean isRelation(ClassSchema schema, String field) {
    SchemaField type = schema.field(field);
    return type != null && type.type() == FieldType.RELATION;
  }

  private static JsonObject pointer(String className, String objectId) {
    return new JsonObject().put(ParseFields.TYPE, ParseType.POINTER.wireName())
        .put(ParseFields.CLASS_NAME, className).put(ParseFields.OBJECT_ID, objectId);
  }
}
