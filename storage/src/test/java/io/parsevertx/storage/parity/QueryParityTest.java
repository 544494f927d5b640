package io.parsevertx.storage.parity;

import io.parsevertx.common.query.QueryMatcher;
import io.parsevertx.storage.mongo.MongoStorageAdapter;
import io.parsevertx.testing.TestServers;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query of {@link ParityCases} runs twice on the same objects: in MongoDB (through the
 * storage adapter) and in {@link QueryMatcher}; both must return the same objects. Cases the
 * in-process MongoDB (mongo-java-server) cannot run are marked in the table, checked against
 * their hand-computed answer on the matcher side here, and run in the database by
 * {@link PostgresQueryParityTest}.
 */
class QueryParityTest {
  private static Vertx vertx;
  private static ParityRun run;

  @BeforeAll
  static void seed() {
    vertx = Vertx.vertx();
    run = new ParityRun(MongoStorageAdapter.connect(vertx, TestServers.mongoUri()), false);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.parsevertx.storage.parity.ParityCases#cases")
  void databaseAndMatcherAgree(ParityCases.Case testCase) {
    run.check(testCase, false);
  }
}
