package io.parsevertx.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, exactly: {@code java -jar server/target/parse-server.jar} (the
 * shaded jar the package phase built), with nothing on the class path but the jar itself.
 */
class ShadedJarIT {

  @Test
  void theJarRunsTheWholeSuite(@TempDir Path dir) throws Exception {
    File jar = new File("target/parse-server.jar").getAbsoluteFile();
    assertTrue(jar.isFile(), "package builds " + jar);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = dir.resolve("server.log");
    Process process = new ProcessBuilder(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-jar",
        jar.getPath(), "--appId", "jar-app", "--masterKey", "mk", "--port", "" + port,
        "--allowClientClassCreation", "true"))
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Vertx vertx = Vertx.vertx();
    try {
      WebClient client = WebClient.create(vertx);
      String base = "http://127.0.0.1:" + port + "/parse";
      HttpResponse<Buffer> health = null;
      long deadline = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < deadline && process.isAlive()) {
        try {
          health = client.getAbs(base + "/health").send().await();
          if (health.statusCode() == 200) {
            break;
          }
        } catch (Exception notYet) {
          // still starting
        }
        Thread.sleep(200);
      }
      assertTrue(health != null && health.statusCode() == 200, Files.readString(log));
      assertEquals(201, client.postAbs(base + "/classes/GameScore")
          .putHeader(ParseHeaders.APPLICATION_ID, "jar-app")
          .sendJsonObject(new JsonObject().put("score", 1)).await().statusCode());
      HttpResponse<Buffer> signUp = client.postAbs(base + "/users")
          .putHeader(ParseHeaders.APPLICATION_ID, "jar-app")
          .sendJsonObject(new JsonObject().put("username", "u").put("password", "p")).await();
      assertEquals(201, signUp.statusCode(), signUp.bodyAsString());
    } finally {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
      vertx.close().await();
    }
  }
}
