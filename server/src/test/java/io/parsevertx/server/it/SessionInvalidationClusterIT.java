package io.parsevertx.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ServerProcess;
import io.parsevertx.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway processes and one data+auth process on a clustered bus: a session cached by one
 * gateway (for ten minutes) stops working there within a second of a logout through the other.
 */
class SessionInvalidationClusterIT {

  @Test
  void aLogoutThroughOneGatewayReachesTheOther(@TempDir Path dir) throws Exception {
    int backendCluster = ServerProcess.freePort();
    int gatewayACluster = ServerProcess.freePort();
    int gatewayBCluster = ServerProcess.freePort();
    int portA = ServerProcess.freePort();
    int portB = ServerProcess.freePort();
    String members = "127.0.0.1:" + backendCluster + ",127.0.0.1:" + gatewayACluster
        + ",127.0.0.1:" + gatewayBCluster;
    Map<String, String> env = Map.of("PARSE_SERVER_APPLICATION_ID", "inv-app",
        "PARSE_SERVER_MASTER_KEY", "mk", "PARSE_SERVER_CLUSTER_MEMBERS", members,
        "PARSE_SERVER_CACHE_TTL", "600000");
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx);
    try (ServerProcess backend = ServerProcess.start(dir.resolve("backend"), env, "--services",
            "data,auth", "--cluster", "--clusterHost", "127.0.0.1", "--clusterPort",
            "" + backendCluster, "--databaseURI", TestServers.mongoUri(), "--port",
            "" + ServerProcess.freePort());
        ServerProcess gatewayA = gateway(dir.resolve("a"), env, gatewayACluster, portA);
        ServerProcess gatewayB = gateway(dir.resolve("b"), env, gatewayBCluster, portB)) {
      String a = "http://127.0.0.1:" + portA + "/parse";
      String b = "http://127.0.0.1:" + portB + "/parse";
      HttpResponse<Buffer> signUp = TwoProcessClusterIT.untilServed(gatewayA, backend,
          () -> client.postAbs(a + "/users").putHeader(ParseHeaders.APPLICATION_ID, "inv-app")
              .sendJsonObject(new JsonObject().put("username", "u").put("password", "p")));
      assertEquals(201, signUp.statusCode(), signUp.bodyAsString());
      String token = signUp.bodyAsJsonObject().getString("sessionToken");
      HttpResponse<Buffer> cached = TwoProcessClusterIT.untilServed(gatewayB, backend,
          () -> client.getAbs(b + "/users/me").putHeader(ParseHeaders.APPLICATION_ID, "inv-app")
              .putHeader(ParseHeaders.SESSION_TOKEN, token).send());
      assertEquals(200, cached.statusCode(), cached.bodyAsString());

      assertEquals(200, client.postAbs(a + "/logout").putHeader(ParseHeaders.APPLICATION_ID,
          "inv-app").putHeader(ParseHeaders.SESSION_TOKEN, token).send().await().statusCode());
      long deadline = System.currentTimeMillis() + 1_000;
      HttpResponse<Buffer> after;
      do {
        after = client.getAbs(b + "/users/me").putHeader(ParseHeaders.APPLICATION_ID, "inv-app")
            .putHeader(ParseHeaders.SESSION_TOKEN, token).send().await();
      } while (after.statusCode() == 200 && System.currentTimeMillis() < deadline);
      assertEquals(209, after.bodyAsJsonObject().getInteger("code"), after.bodyAsString());
    } finally {
      vertx.close().await();
    }
  }

  private static ServerProcess gateway(Path dir, Map<String, String> env, int clusterPort,
      int httpPort) {
    return ServerProcess.start(dir, env, "--services", "gateway", "--cluster", "--clusterHost",
        "127.0.0.1", "--clusterPort", "" + clusterPort, "--port", "" + httpPort);
  }
}
