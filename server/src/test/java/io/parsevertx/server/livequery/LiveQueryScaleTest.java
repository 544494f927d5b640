package io.parsevertx.server.livequery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.options.OptionsLoader;
import io.parsevertx.server.ApiTestBase;
import io.parsevertx.server.LiveSocket;
import io.parsevertx.server.SuiteLauncher;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.embedded.RedisServer;

/**
 * LiveQuery on its own pods: a second livequery-service (its own Vert.x, its own event bus, its
 * own port and path) gets changes made through the first suite's gateway only through Redis
 * pub/sub; both deliver them; a Redis restart in the middle is survived by both. And a client
 * that stops reading is cut off while the others keep receiving every event.
 */
class LiveQueryScaleTest extends ApiTestBase {
  private static int redisPort;
  private static RedisServer redis;
  private static SuiteLauncher.RunningSuite pod;
  private static int podPort;

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @BeforeAll
  static void redisAndASecondPod() throws IOException {
    redisPort = freePort();
    redis = new RedisServer(redisPort);
    redis.start();
    String liveQuery = new JsonObject().put("classNames", new JsonArray().add("Pod"))
        .put("redisURL", "redis://127.0.0.1:" + redisPort).encode();
    withConfig(Map.of("liveQuery", liveQuery));
    podPort = freePort();
    JsonObject podOptions = OptionsLoader.load(Map.of("appId", APP_ID, "masterKey", MASTER_KEY,
        "port", String.valueOf(podPort), "services", "livequery", "databaseURI",
        suite.options().getString("databaseURI"), "liveQuery", liveQuery,
        "liveQueryServerOptions", "{\"path\":\"/live\"}"), Map.of(), null);
    pod = SuiteLauncher.start(podOptions).await();
  }

  @AfterAll
  static void stopPodAndRedis() throws IOException {
    if (pod != null) {
      pod.close();
    }
    redis.stop();
  }

  private static LiveSocket subscribed(int port) {
    // note: the pod serves LiveQuery at its configured path, the one-JVM suite at /
    LiveSocket socket = new LiveSocket(suite.vertx(), port, port == podPort ? "/live" : "/");
    socket.send(new JsonObject().put("op", "connect").put("applicationId", APP_ID));
    socket.next("connected");
    socket.send(new JsonObject().put("op", "subscribe").put("requestId", 1).put("query",
        new JsonObject().put("className", "Pod").put("where", new JsonObject())));
    socket.next("subscribed");
    return socket;
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twoInstancesBehindOneRedisDeliverAndSurviveARedisRestart() throws IOException {
    try (LiveSocket viaGateway = subscribed(suite.gatewayPort());
        LiveSocket viaPod = subscribed(podPort)) {
      String id = create("Pod", new JsonObject().put("n", 1)).getString("objectId");
      assertEquals(id, viaGateway.next("create").getJsonObject("object").getString("objectId"));
      assertEquals(id, viaPod.next("create").getJsonObject("object").getString("objectId"));

      redis.stop();
      redis = new RedisServer(redisPort);
      redis.start();
      // note: both subscribers reconnect on their own; keep writing until both hear a change
      boolean gatewayHeard = false;
      boolean podHeard = false;
      for (int n = 2; n < 60 && !(gatewayHeard && podHeard); n++) {
        create("Pod", new JsonObject().put("n", n));
        gatewayHeard |= viaGateway.poll(500) != null;
        podHeard |= viaPod.poll(500) != null;
      }
      assertTrue(gatewayHeard && podHeard, "both instances deliver after the Redis restart");
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aClientThatStopsReadingIsCutOffAndTheOthersKeepUp() {
    try (LiveSocket reader = subscribed(suite.gatewayPort());
        LiveSocket stalled = subscribed(suite.gatewayPort())) {
      stalled.pause();
      String big = "x".repeat(64 * 1024);
      int events = 300;
      for (int n = 0; n < events; n++) {
        create("Pod", new JsonObject().put("n", n).put("payload", big));
      }
      for (int n = 0; n < events; n++) {
        JsonObject event = reader.next("create");
        assertNotNull(event.getJsonObject("object"));
      }
      stalled.resume();
      long deadline = System.currentTimeMillis() + 30_000;
      int delivered = 0;
      while (!stalled.closed() && System.currentTimeMillis() < deadline) {
        if (stalled.poll(200) != null) {
          delivered++;
        }
      }
      assertTrue(stalled.closed(), "the stalled client was disconnected");
      assertTrue(delivered < events, "it did not get every event: " + delivered);
    }
  }
}
