package io.parsevertx.bench;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The shape of the data the bench reads: {@code seedCount} objects of class {@value #CLASS_NAME}
 * with {@code n} = 0..seedCount-1 and {@code group} = {@code "g" + n % 10}, and the queries run
 * over them. Objects the {@code create} scenario adds have no {@code n} and group
 * {@value #NEW_GROUP}, so they never match those queries.
 *
 * @param seedCount how many objects are seeded
 * @param ids objectIds of seeded objects, read by {@code get} and updated by {@code increment}
 */
public record Dataset(int seedCount, List<String> ids) {
  public static final String CLASS_NAME = "BenchItem";
  public static final String FIELD_N = "n";
  public static final String FIELD_GROUP = "group";
  public static final String NEW_GROUP = "new";
  public static final int GROUPS = 10;
  private static final int QUERY_GROUP = 3;
  private static final int QUERY_MIN_N = 100;
  /** {@code query}: about a tenth of the objects match, the answer holds {@value #QUERY_LIMIT}. */
  public static final String QUERY_WHERE =
      "{\"group\":\"g" + QUERY_GROUP + "\",\"n\":{\"$gte\":" + QUERY_MIN_N + "}}";
  public static final int QUERY_LIMIT = 100;
  /** {@code count}: exactly a tenth of the seeded objects match. */
  public static final String COUNT_WHERE = "{\"group\":\"g7\"}";
  /** Matches every seeded object and nothing the bench creates. */
  public static final String SEEDED_WHERE = "{\"n\":{\"$exists\":true}}";
  /** How many ids {@code get} and {@code increment} spread their requests over. */
  public static final int ID_POOL = 1000;

  public Dataset {
    ids = List.copyOf(ids);
  }

  /** The seeded object number {@code n}. */
  public static JsonObject seedObject(int n) {
    return new JsonObject().put(FIELD_N, n).put(FIELD_GROUP, "g" + (n % GROUPS))
        .put("label", "seed-" + n).put("counter", 0);
  }

  /** The body of the {@code create} scenario's request number {@code i}. */
  public static JsonObject newObject(long i) {
    return new JsonObject().put(FIELD_GROUP, NEW_GROUP).put("label", "bench").put("score", i);
  }

  /** What {@code count} must answer once the data is seeded. */
  public int expectedCount() {
    return seedCount / GROUPS;
  }

  /** How many results {@code query} must answer once the data is seeded. */
  public int expectedQuerySize() {
    int matching = 0;
    for (int n = QUERY_MIN_N; n < seedCount; n++) {
      matching += n % GROUPS == QUERY_GROUP ? 1 : 0;
    }
    return Math.min(QUERY_LIMIT, matching);
  }

  /** The {@code where} that lists the ids of the first {@link #ID_POOL} seeded objects. */
  public static String idPoolWhere() {
    return "{\"n\":{\"$lt\":" + ID_POOL + "}}";
  }
}
