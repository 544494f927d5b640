package io.parsevertx.server.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL going away and coming back: requests meanwhile fail with a Parse error (2, HTTP
 * 503) instead of hanging, and the server serves again once the database is back, without a
 * restart. The database here is a PostgreSQL of the test's own, stopped and started again on
 * the same port and data directory.
 */
class DatabaseOutageTest extends ApiTestBase {
  private static Path data;
  private static int port;
  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void ownDatabase() throws IOException {
    data = Files.createTempDirectory("pg-outage");
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    postgres = start();
    withConfig(Map.of("databaseURI", "postgres://postgres:postgres@127.0.0.1:" + port
        + "/postgres", "databaseOptions", "{\"connectionTimeoutMillis\":2000}"));
  }

  private static EmbeddedPostgres start() throws IOException {
    return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data)
        .setCleanDataDirectory(false).start();
  }

  @AfterAll
  static void stopDatabase() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void requestsFailClearlyWhileTheDatabaseIsAwayAndWorkWhenItIsBack() throws Exception {
    String id = create("Survivor", new JsonObject().put("n", 1)).getString("objectId");
    postgres.close();
    postgres = null;
    JsonObject away = expectError(request(HttpMethod.GET, "/classes/Survivor/" + id, null), 503,
        2);
    assertEquals("The database is unavailable; try again shortly.", away.getString("error"));
    expectError(request(HttpMethod.POST, "/classes/Survivor", new JsonObject().put("n", 2)), 503,
        2);

    postgres = start();
    int status = 0;
    for (int attempt = 0; attempt < 20 && status != 200; attempt++) {
      status = request(HttpMethod.GET, "/classes/Survivor/" + id, null).statusCode();
      if (status != 200) {
        Thread.sleep(250);
      }
    }
    assertEquals(200, status, "served again once the database is back");
    assertEquals(1, expect(request(HttpMethod.GET, "/classes/Survivor/" + id, null), 200)
        .getInteger("n"));
  }
}
