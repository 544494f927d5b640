package io.parsevertx.data.aggregate;

import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.WhereParser;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.storage.schema.SchemaController;
import io.parsevertx.storage.StorageAdapter;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * {@code /aggregate/:className} (master key): a {@code pipeline} of stages with Parse field
 * names, or {@code distinct=<field>} with an optional {@code where}.
 */
public final class AggregateService {
  /** Stage names accepted as top-level parameters, the older way of writing a pipeline. */
  private static final List<String> STAGE_PARAMS = List.of("match", "group", "project",
      "unwind", "sort", "skip", "limit", "count", "lookup", "sample", "addFields");

  private final StorageAdapter storage;
  private final SchemaController schemas;

  public AggregateService(StorageAdapter storage, SchemaController schemas) {
    this.storage = storage;
    this.schemas = schemas;
  }

  /** @return {@code {"results":[...]}}; fails with 102 for a bad pipeline, 119 without master */
  public Future<JsonObject> aggregate(ServiceRequest request) {
    if (!request.auth().master() && !request.auth().readOnlyMaster()) {
      throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
          "unauthorized: master key is required");
    }
    String className = ClassNames.requireValidClassName(request.className());
    JsonObject params = request.params();
    return schemas.find(className).compose(schema -> {
      if (schema == null) {
        return Future.succeededFuture(List.<Object>of());
      }
      if (params.containsKey("distinct")) {
        return distinct(schema, params);
      }
      return storage.aggregate(schema, pipeline(params)).map(results -> List.<Object>copyOf(
          results));
    }).map(results -> new JsonObject().put("results", new JsonArray(new java.util.ArrayList<>(
        results))));
  }

  private Future<List<Object>> distinct(ClassSchema schema, JsonObject params) {
    String field = String.valueOf(params.getValue("distinct"));
    Object where = json(params.getValue("where"), "where");
    QueryNode query = WhereParser.parse(where instanceof JsonObject w ? w : null);
    return storage.distinct(schema, field, query);
  }

  private static JsonArray pipeline(JsonObject params) {
    Object pipeline = json(params.getValue("pipeline"), "pipeline");
    if (pipeline instanceof JsonArray stages) {
      return stages;
    }
    JsonArray stages = new JsonArray();
    if (pipeline instanceof JsonObject byName) {
      for (Map.Entry<String, Object> entry : byName) {
        stages.add(new JsonObject().put(entry.getKey(), entry.getValue()));
      }
      return stages;
    }
    for (Map.Entry<String, Object> entry : params) {
      if (STAGE_PARAMS.contains(entry.getKey())) {
        stages.add(new JsonObject().put("$" + entry.getKey(),
            json(entry.getValue(), entry.getKey())));
      }
    }
    if (stages.isEmpty()) {
      throw new ParseException(ParseErrorCode.INVALID_QUERY, "aggregate needs a pipeline");
    }
    return stages;
  }

  /** Query-string values arrive as JSON text, body values as JSON already. */
  private static Object json(Object raw, String name) {
    if (!(raw instanceof String text)) {
      return raw;
    }
    try {
      return Json.decodeValue(text);
    } catch (DecodeException e) {
      throw ParseException.of(ParseErrorCode.INVALID_JSON, "%s must be valid JSON", name);
    }
  }
}
