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
 * Triggers fire in the service that owns the operation, with the cloud code loaded in that
 * service's process: a gateway+data process without any {@code cloud} option and an auth-only
 * process with one. The auth process refuses a sign-up in its beforeSave and a login in its
 * beforeLogin, and its afterSave writes through the Parse SDK to data-service in the other JVM.
 */
class CloudPerProcessClusterIT {

  @Test
  void anAuthOnlyProcessRunsTheUserTriggersItLoaded(@TempDir Path dir) throws Exception {
    int backendCluster = ServerProcess.freePort();
    int authCluster = ServerProcess.freePort();
    int port = ServerProcess.freePort();
    String members = "127.0.0.1:" + backendCluster + ",127.0.0.1:" + authCluster;
    Map<String, String> env = Map.of("PARSE_SERVER_APPLICATION_ID", "pp-app",
        "PARSE_SERVER_MASTER_KEY", "mk", "PARSE_SERVER_CLUSTER_MEMBERS", members,
        "PARSE_SERVER_DATABASE_URI", TestServers.mongoUri());
    String cloud = Path.of(CloudPerProcessClusterIT.class.getResource("/cloud-users/main.js")
        .toURI()).toString();
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx);
    try (ServerProcess backend = ServerProcess.start(dir.resolve("backend"), env, "--services",
            "data,gateway", "--cluster", "--clusterHost", "127.0.0.1", "--clusterPort",
            "" + backendCluster, "--port", "" + port);
        ServerProcess auth = ServerProcess.start(dir.resolve("auth"), env, "--services", "auth",
            "--cluster", "--clusterHost", "127.0.0.1", "--clusterPort", "" + authCluster,
            "--port", "" + ServerProcess.freePort(), "--cloud", cloud)) {
      String base = "http://127.0.0.1:" + port + "/parse";
      HttpResponse<Buffer> refused = TwoProcessClusterIT.untilServed(backend, auth,
          () -> client.postAbs(base + "/users").putHeader(ParseHeaders.APPLICATION_ID, "pp-app")
              .sendJsonObject(new JsonObject().put("username", "refused-x")
                  .put("password", "pw")));
      assertEquals(142, refused.bodyAsJsonObject().getInteger("code"), refused.bodyAsString());

      for (String name : new String[] {"pp-ann", "blocked"}) {
        HttpResponse<Buffer> signedUp = client.postAbs(base + "/users")
            .putHeader(ParseHeaders.APPLICATION_ID, "pp-app").sendJsonObject(new JsonObject()
                .put("username", name).put("password", "pw")).await();
        assertEquals(201, signedUp.statusCode(), signedUp.bodyAsString());
      }
      HttpResponse<Buffer> blocked = client.postAbs(base + "/login")
          .putHeader(ParseHeaders.APPLICATION_ID, "pp-app").sendJsonObject(new JsonObject()
              .put("username", "blocked").put("password", "pw")).await();
      assertEquals(119, blocked.bodyAsJsonObject().getInteger("code"), blocked.bodyAsString());

      long deadline = System.currentTimeMillis() + 20_000;
      int logged;
      do {
        logged = client.getAbs(base + "/classes/UserLog").putHeader(ParseHeaders.APPLICATION_ID,
                "pp-app").putHeader(ParseHeaders.MASTER_KEY, "mk")
            .addQueryParam("where", new JsonObject().put("username", "pp-ann")
                .put("event", "created").encode())
            .send().await().bodyAsJsonObject().getJsonArray("results").size();
        Thread.sleep(logged == 0 ? 200 : 0);
      } while (logged == 0 && System.currentTimeMillis() < deadline);
      assertEquals(1, logged, "afterSave in the auth process wrote through data-service\n"
          + auth.output());
    } finally {
      vertx.close().await();
    }
  }
}
