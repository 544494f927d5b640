package io.parsevertx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST quickstart of the Parse Server guide against the launcher as a user runs it, in its
 * own JVM: no database flags, so the embedded store persists under ./data; objects survive a
 * SIGTERM and a restart; the config file and environment are read.
 */
class QuickstartTest {
  private static Vertx vertx;
  private static WebClient client;

  @BeforeAll
  static void client() {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  void quickstartThenRestartOnTheSameDataDirectory(@TempDir Path dir) throws Exception {
    int port = ServerProcess.freePort();
    Files.writeString(dir.resolve("config.json"),
        new JsonObject().put("appId", "persist").put("port", port)
            .put("allowClientClassCreation", true).encode());
    Map<String, String> env = Map.of("PARSE_SERVER_MASTER_KEY", "mk");
    String objectId;
    try (ServerProcess first = ServerProcess.start(dir, env, "config.json")) {
      HttpResponse<Buffer> created = awaitReady(first, port, () -> client
          .postAbs("http://localhost:" + port + "/parse/classes/GameScore")
          .putHeader(ParseHeaders.APPLICATION_ID, "persist")
          .sendJsonObject(new JsonObject().put("score", 123).put("playerName", "Sean Plott")
          .put("cheatMode", false)));
      assertEquals(201, created.statusCode(), created.bodyAsString());
      JsonObject createdBody = created.bodyAsJsonObject();
      assertEquals(Set.of("objectId", "createdAt"), createdBody.fieldNames());
      objectId = createdBody.getString("objectId");

      JsonObject got = client.getAbs("http://localhost:" + port + "/parse/classes/GameScore/"
          + objectId).putHeader(ParseHeaders.APPLICATION_ID, "persist").send().await()
          .bodyAsJsonObject();
      assertEquals(new JsonObject().put("objectId", objectId).put("score", 123)
          .put("playerName", "Sean Plott").put("cheatMode", false)
          .put("createdAt", createdBody.getString("createdAt"))
          .put("updatedAt", createdBody.getString("createdAt")), got);

      JsonObject query = client.getAbs("http://localhost:" + port + "/parse/classes/GameScore")
          .putHeader(ParseHeaders.APPLICATION_ID, "persist").send().await().bodyAsJsonObject();
      assertEquals(new JsonObject().put("results", new JsonArray().add(got)), query);

      assertEquals(403, client.getAbs("http://localhost:" + port + "/parse/classes/GameScore")
          .putHeader(ParseHeaders.APPLICATION_ID, "wrong").send().await().statusCode());
      assertEquals(143, first.terminate(), "SIGTERM ends the JVM through its shutdown hook");
      assertTrue(first.output().contains("event=shutdown_complete"), first.output());
    }
    assertTrue(Files.exists(dir.resolve("data").resolve("parse.mv.db")));
    try (ServerProcess second = ServerProcess.start(dir, env, "config.json")) {
      HttpResponse<Buffer> got = awaitReady(second, port, () -> client
          .getAbs("http://localhost:" + port + "/parse/classes/GameScore/" + objectId)
          .putHeader(ParseHeaders.APPLICATION_ID, "persist").send());
      assertEquals(200, got.statusCode(), got.bodyAsString());
      assertEquals(123, got.bodyAsJsonObject().getInteger("score"));
      second.terminate();
    }
  }

  /** Retries {@code call} until the server answers (it is still starting before that). */
  static HttpResponse<Buffer> awaitReady(ServerProcess process, int port,
      java.util.function.Supplier<io.vertx.core.Future<HttpResponse<Buffer>>> call)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited:\n" + process.output());
      }
      try {
        HttpResponse<Buffer> response = call.get().await();
        if (response.statusCode() != 503) {
          return response;
        }
      } catch (Exception notYetListening) {
        // retry below
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("server not ready on port " + port + ":\n"
        + process.output());
  }
}
