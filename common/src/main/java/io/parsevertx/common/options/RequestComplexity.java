package io.parsevertx.common.options;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Limits that keep one hostile request from exhausting the server ({@code requestComplexity}):
 * how deep {@code $or}/{@code $and}/{@code $nor} and sub-queries nest, how deep and how many
 * {@code include} paths, how many requests one {@code /batch} holds.
 */
public record RequestComplexity(int queryDepth, int subqueryDepth, int includeDepth,
    int includeCount, int batchRequestLimit) {
  public static final RequestComplexity DEFAULTS = new RequestComplexity(10, 5, 10, 50, 50);

  /** @throws OptionsException for an unknown key or a value that is not a positive integer */
  public static RequestComplexity fromJson(JsonObject json) {
    if (json == null) {
      return DEFAULTS;
    }
    JsonObject merged = DEFAULTS.toJson().mergeIn(json);
    for (Map.Entry<String, Object> entry : json) {
      if (!DEFAULTS.toJson().containsKey(entry.getKey())) {
        throw new OptionsException("Invalid option --requestComplexity: unknown limit "
            + entry.getKey());
      }
      if (!(entry.getValue() instanceof Number n) || n.intValue() < 1) {
        throw new OptionsException("Invalid option --requestComplexity: " + entry.getKey()
            + " must be a positive integer");
      }
    }
    return new RequestComplexity(merged.getInteger("queryDepth"),
        merged.getInteger("subqueryDepth"), merged.getInteger("includeDepth"),
        merged.getInteger("includeCount"), merged.getInteger("batchRequestLimit"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("queryDepth", queryDepth).put("subqueryDepth", subqueryDepth)
        .put("includeDepth", includeDepth).put("includeCount", includeCount)
        .put("batchRequestLimit", batchRequestLimit);
  }
}
