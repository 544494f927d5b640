package io.parsevertx.data.classes;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.options.RequestComplexity;
import io.parsevertx.common.query.WhereParser;
import io.parsevertx.data.query.IncludePaths;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A find's parameters, parsed once: {@code where} arrives as a JSON string in a query string or
 * as an object in a {@code _method: GET} body; {@code include} and {@code excludeKeys} as comma
 * lists.
 */
record FindRequest(QueryNode where, FindOptions options, IncludePaths include,
    List<String> excludeKeys) {

  /** @throws ParseException 102, 105, 107 for bad parameters or limits exceeded */
  static FindRequest fromParams(JsonObject params, int maxLimit, RequestComplexity limits) {
    return new FindRequest(WhereParser.parse(whereObject(params.getValue("where")),
            limits.queryDepth(), limits.subqueryDepth()),
        FindOptions.fromParams(params, maxLimit),
        IncludePaths.parse(list(params.getValue("include")), limits.includeDepth(),
            limits.includeCount()),
        params.containsKey("excludeKeys") ? list(params.getValue("excludeKeys")) : null);
  }

  private static JsonObject whereObject(Object raw) {
    if (raw == null || raw instanceof JsonObject) {
      return (JsonObject) raw;
    }
    try {
      return new JsonObject(raw.toString());
    } catch (DecodeException | ClassCastException e) {
      throw new ParseException(ParseErrorCode.INVALID_JSON, "where must be a JSON object");
    }
  }

  private static List<String> list(Object raw) {
    List<String> items = new ArrayList<>();
    if (raw instanceof JsonArray array) {
      array.forEach(item -> items.add(String.valueOf(item)));
    } else if (raw != null) {
      for (String part : raw.toString().split(",")) {
        if (!part.isBlank()) {
          items.add(part.trim());
        }
      }
    }
    return items;
  }
}
