package io.parsevertx.server.deploy;

import static io.parsevertx.server.deploy.Manifests.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.bus.ServiceRole;
import io.parsevertx.common.options.OptionsLoader;
import io.parsevertx.common.options.ParseServerOptions;
import io.parsevertx.server.SuiteLauncher;
import io.parsevertx.server.deploy.Manifests.Doc;
import io.parsevertx.testing.TestServers;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The probes of the gateway and LiveQuery Deployments, sent to the server started with the
 * options the manifests give (a local bus and a test database instead of the cluster's): every
 * httpGet path answers 200 and every tcpSocket port accepts, on the port the container names.
 * Data, auth, files and push are probed in one process without the gateway, which answers for
 * the roles it runs (ServiceHealthServer), as each of their pods does for its one role.
 */
@Timeout(120)
class DeployProbesTest {
  private static SuiteLauncher.RunningSuite suite;
  private static SuiteLauncher.RunningSuite backends;
  private static SuiteLauncher.RunningSuite liveQuery;
  private static int gatewayPort;
  private static int backendsPort;
  private static int liveQueryPort;

  @BeforeAll
  static void start() throws IOException {
    Map<String, String> env = manifestEnv();
    gatewayPort = freePort();
    suite = SuiteLauncher.start(OptionsLoader.load(flags(gatewayPort,
        String.join(",", ServiceRole.GATEWAY.flagName(), ServiceRole.DATA.flagName(),
            ServiceRole.AUTH.flagName(), ServiceRole.FILES.flagName(),
            ServiceRole.PUSH.flagName())), env, null)).await();
    // note: a process without the gateway serves /health and /readiness for its own roles
    backendsPort = freePort();
    backends = SuiteLauncher.start(OptionsLoader.load(flags(backendsPort,
        String.join(",", ServiceRole.DATA.flagName(), ServiceRole.AUTH.flagName(),
            ServiceRole.FILES.flagName(), ServiceRole.PUSH.flagName())), env, null)).await();
    liveQueryPort = freePort();
    liveQuery = SuiteLauncher.start(OptionsLoader.load(flags(liveQueryPort,
        ServiceRole.LIVEQUERY.flagName()), env, null)).await();
  }

  @AfterAll
  static void stop() {
    for (SuiteLauncher.RunningSuite running : new SuiteLauncher.RunningSuite[] {liveQuery,
        backends, suite}) {
      if (running != null) {
        running.close();
      }
    }
  }

  /** The base's ConfigMap and Secret, without Redis (none here); the rest as written. */
  private static Map<String, String> manifestEnv() {
    Map<String, String> env = new HashMap<>(Manifests.configData(
        Manifests.deployDir().resolve("base")));
    env.putAll(Manifests.secretData(Manifests.deployDir().resolve("base")));
    String serverOptions = ParseServerOptions.get(ParseServerOptions.LIVE_QUERY_SERVER_OPTIONS)
        .env();
    JsonObject liveQueryServer = new JsonObject(env.get(serverOptions));
    liveQueryServer.remove("redisURL");
    env.put(serverOptions, liveQueryServer.encode());
    env.remove(ParseServerOptions.get(ParseServerOptions.LIVE_QUERY).env());
    return env;
  }

  private static Map<String, String> flags(int port, String services) {
    return Map.of(ParseServerOptions.SERVICES, services, ParseServerOptions.PORT,
        String.valueOf(port), ParseServerOptions.CLUSTER, "false",
        ParseServerOptions.DATABASE_URI, TestServers.mongoUri());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void gatewayProbesAnswer() throws Exception {
    checkProbes("parse-gateway", gatewayPort);
  }

  @Test
  void backendProbesAnswer() throws Exception {
    for (ServiceRole role : List.of(ServiceRole.DATA, ServiceRole.AUTH, ServiceRole.FILES,
        ServiceRole.PUSH)) {
      checkProbes("parse-" + role.flagName(), backendsPort);
    }
  }

  @Test
  void liveQueryProbesAnswer() throws Exception {
    checkProbes("parse-livequery", liveQueryPort);
  }

  private static void checkProbes(String deploymentName, int port) throws Exception {
    Doc deployment = DeployManifestsTest.named("Deployment", deploymentName);
    Map<String, Object> container = DeployManifestsTest.container(deployment);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    int checked = 0;
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      Object spec = container.get(probe);
      assertEquals("http", at(spec, "httpGet") != null ? at(spec, "httpGet", "port")
          : at(spec, "tcpSocket", "port"), deploymentName + ": " + probe
          + " on the HTTP port this test serves");
      if (at(spec, "httpGet") != null) {
        String path = (String) at(spec, "httpGet", "path");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), deploymentName + " " + probe + " GET " + path
            + ": " + response.body());
      } else {
        try (Socket socket = new Socket("127.0.0.1", port)) {
          assertTrue(socket.isConnected());
        }
      }
      checked++;
    }
    assertEquals(3, checked);
  }
}
