package io.parsevertx.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ServerProcess;
import io.parsevertx.server.api.RecordingPushAdapter;
import io.parsevertx.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push sender killed with SIGKILL mid-send, in its own JVM: the other push-service process
 * takes over its slices when their leases run out and resumes them from the saved cursors, so
 * the push succeeds with every installation reached (at least once) and counted once.
 */
class PushCrashClusterIT {
  private static final String APP = "push-crash-app";
  private static final String MASTER = "push-crash-master";
  private static final int INSTALLATIONS = 60;

  @Test
  void aKilledSendersSlicesAreResumedByTheOtherProcess(@TempDir Path dir) throws Exception {
    Map<String, Integer> clusterPorts = new HashMap<>();
    for (String name : List.of("core", "push1", "push2")) {
      clusterPorts.put(name, ServerProcess.freePort());
    }
    String members = String.join(",", clusterPorts.values().stream()
        .map(port -> "127.0.0.1:" + port).toList());
    Map<String, String> env = Map.of("PARSE_SERVER_APPLICATION_ID", APP,
        "PARSE_SERVER_MASTER_KEY", MASTER, "PARSE_SERVER_CLUSTER_MEMBERS", members,
        "PARSE_SERVER_DATABASE_URI", TestServers.mongoUri(),
        "PARSE_SERVER_REQUEST_TIMEOUT", "3000");
    int httpPort = ServerProcess.freePort();
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx);
    try (ServerProcess core = ServerProcess.start(dir.resolve("core"), env, "--services",
            "data,auth,gateway", "--cluster", "--clusterHost", "127.0.0.1", "--clusterPort",
            "" + clusterPorts.get("core"), "--port", "" + httpPort);
        ServerProcess push1 = pushProcess(dir, env, "push1", clusterPorts.get("push1"));
        ServerProcess push2 = pushProcess(dir, env, "push2", clusterPorts.get("push2"))) {
      String base = "http://127.0.0.1:" + httpPort + "/parse";
      TwoProcessClusterIT.untilServed(core, push1, () -> client.postAbs(base
          + "/installations").putHeader(ParseHeaders.APPLICATION_ID, APP)
          .sendJsonObject(installation(0)));
      for (int i = 1; i < INSTALLATIONS; i++) {
        assertEquals(201, client.postAbs(base + "/installations")
            .putHeader(ParseHeaders.APPLICATION_ID, APP).sendJsonObject(installation(i))
            .await().statusCode());
      }
      // both push processes must be on the bus before the push, so both take slices
      for (ServerProcess push : List.of(push1, push2)) {
        awaitOutput(push, "service=push", 60_000);
      }
      HttpResponse<Buffer> pushed = TwoProcessClusterIT.untilServed(core, push2,
          () -> client.postAbs(base + "/push").putHeader(ParseHeaders.APPLICATION_ID, APP)
              .putHeader(ParseHeaders.MASTER_KEY, MASTER)
              .sendJsonObject(new JsonObject().put("channels", new JsonArray().add("crash"))
                  .put("data", new JsonObject().put("alert", "crash"))));
      assertEquals(200, pushed.statusCode(), pushed.bodyAsString());
      String statusId = pushed.getHeader(ParseHeaders.PUSH_STATUS_ID);

      Path push1Log = dir.resolve("push1.log");
      long deadline = System.currentTimeMillis() + 30_000;
      while (lines(push1Log).isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(!lines(push1Log).isEmpty(), () -> "push1 sent nothing\n" + push1.output());
      push1.close(); // note: destroyForcibly, SIGKILL on Linux: no drain, leases left behind

      JsonObject status = null;
      deadline = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < deadline) {
        status = client.getAbs(base + "/classes/_PushStatus/" + statusId)
            .putHeader(ParseHeaders.APPLICATION_ID, APP)
            .putHeader(ParseHeaders.MASTER_KEY, MASTER).send().await().bodyAsJsonObject();
        if ("succeeded".equals(status.getString("status"))) {
          break;
        }
        Thread.sleep(250);
      }
      JsonObject finalStatus = status;
      assertEquals("succeeded", status.getString("status"), () -> finalStatus.encode() + "\n"
          + push2.output());
      assertEquals(INSTALLATIONS, status.getInteger("numSent"), status::encode);
      Set<String> reached = new HashSet<>();
      for (Path log : List.of(push1Log, dir.resolve("push2.log"))) {
        lines(log).forEach(line -> reached.add(line.substring(line.indexOf(' ') + 1)));
      }
      assertEquals(INSTALLATIONS, reached.size(), reached::toString);
      assertTrue(push2.output().contains("event=push_slice_resumed"), push2::output);
      assertEquals(143, push2.terminate());
      assertEquals(143, core.terminate());
    } finally {
      vertx.close().await();
    }
  }

  private static ServerProcess pushProcess(Path dir, Map<String, String> env, String name,
      int clusterPort) {
    // pages of 5 that take 400 ms each, and leases of 3 s, so the kill lands mid-send
    JsonObject push = new JsonObject().put("adapter", new JsonObject()
        .put("module", RecordingPushAdapter.class.getName())
        .put("options", new JsonObject().put("types", new JsonArray().add("web"))
            .put("delayMillis", 400).put("label", name)
            .put("logFile", dir.resolve(name + ".log").toString())))
        .put("queueOptions", new JsonObject().put("batchSize", 5).put("leaseSeconds", 3));
    return ServerProcess.start(dir.resolve(name), env, "--services", "push", "--cluster",
        "--clusterHost", "127.0.0.1", "--clusterPort", "" + clusterPort,
        "--port", "" + ServerProcess.freePort(), "--push", push.encode());
  }

  private static JsonObject installation(int i) {
    return new JsonObject().put("deviceType", "web").put("installationId", "device-" + i)
        .put("deviceToken", "token-" + i).put("channels", new JsonArray().add("crash"));
  }

  private static List<String> lines(Path file) throws java.io.IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  private static void awaitOutput(ServerProcess process, String text, long millis)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (!process.output().contains(text)) {
      assertTrue(System.currentTimeMillis() < deadline, process::output);
      Thread.sleep(100);
    }
  }
}
