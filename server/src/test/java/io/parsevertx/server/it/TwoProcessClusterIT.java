package io.parsevertx.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ServerProcess;
import io.parsevertx.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed from day one: the gateway and data-service in two JVMs, joined by a clustered
 * (Hazelcast) event bus; a create and a get go through the gateway to the other process.
 */
class TwoProcessClusterIT {

  @Test
  void gatewayReachesDataServiceInAnotherJvm(@TempDir Path dir) throws Exception {
    int dataCluster = ServerProcess.freePort();
    int gatewayCluster = ServerProcess.freePort();
    int httpPort = ServerProcess.freePort();
    int dataHealth = ServerProcess.freePort();
    String members = "127.0.0.1:" + dataCluster + ",127.0.0.1:" + gatewayCluster;
    Map<String, String> env = Map.of("PARSE_SERVER_APPLICATION_ID", "cluster-app",
        "PARSE_SERVER_MASTER_KEY", "mk", "PARSE_SERVER_CLUSTER_MEMBERS", members,
        "PARSE_SERVER_ALLOW_CLIENT_CLASS_CREATION", "true");
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx);
    try (ServerProcess data = ServerProcess.start(dir.resolve("data"), env, "--services", "data",
            "--cluster", "--clusterHost", "127.0.0.1", "--clusterPort", "" + dataCluster,
            "--databaseURI", TestServers.mongoUri(), "--port", "" + dataHealth);
        ServerProcess gateway = ServerProcess.start(dir.resolve("gateway"), env, "--services",
            "gateway", "--cluster", "--clusterHost", "127.0.0.1", "--clusterPort",
            "" + gatewayCluster, "--port", "" + httpPort, "--requestTimeout", "2000")) {
      String base = "http://127.0.0.1:" + httpPort + "/parse/classes/GameScore";
      HttpResponse<Buffer> created = untilServed(gateway, data, () -> client.postAbs(base)
          .putHeader(ParseHeaders.APPLICATION_ID, "cluster-app")
          .sendJsonObject(new JsonObject().put("score", 7).put("playerName", "remote")));
      assertEquals(201, created.statusCode(), created.bodyAsString());
      String id = created.bodyAsJsonObject().getString("objectId");

      HttpResponse<Buffer> got = client.getAbs(base + "/" + id)
          .putHeader(ParseHeaders.APPLICATION_ID, "cluster-app").send().await();
      assertEquals(200, got.statusCode(), got.bodyAsString());
      assertEquals("remote", got.bodyAsJsonObject().getString("playerName"));
      // a process without the gateway answers its orchestrator's probes on its own port; the
      // probe server opens just after the service registers, so poll it as an orchestrator would
      HttpResponse<Buffer> health = untilServed(gateway, data,
          () -> client.get(dataHealth, "127.0.0.1", "/health").send());
      assertEquals(200, health.statusCode(), health.bodyAsString());
      assertEquals(143, gateway.terminate());
      assertEquals(143, data.terminate());
    } finally {
      vertx.close().await();
    }
  }

  /** Until the cluster has formed the gateway answers 503 (error 2); then the real answer. */
  static HttpResponse<Buffer> untilServed(ServerProcess gateway, ServerProcess data,
      Supplier<Future<HttpResponse<Buffer>>> call) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 90_000;
    HttpResponse<Buffer> last = null;
    while (System.currentTimeMillis() < deadline) {
      if (!gateway.isAlive() || !data.isAlive()) {
        throw new IllegalStateException("a process exited\ngateway:\n" + gateway.output()
            + "\ndata:\n" + data.output());
      }
      try {
        last = call.get().await();
        if (last.statusCode() != 503) {
          return last;
        }
      } catch (Exception notYetListening) {
        // retry below
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("no answer; last=" + (last == null ? null
        : last.bodyAsString()) + "\ngateway:\n" + gateway.output() + "\ndata:\n" + data.output());
  }
}
