package io.parsevertx.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ServerProcess;
import io.parsevertx.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite as separate JVMs on one clustered event bus, as deploy/ runs it: two gateways,
 * data, auth, files, push and two LiveQuery processes, with embedded Redis (LiveQuery fan-out,
 * shared rate limits) and the test's MongoDB. Through both gateways: sign-up, log-in, CRUD and
 * queries, a file, a LiveQuery event on each LiveQuery process for a change made through the
 * other gateway, one rate limit across both, a log-out seen by the other gateway at once. Then
 * data-service is killed with SIGKILL under load: requests get Parse errors within the
 * timeout, never hang; after a new data process joins, traffic recovers and every write that
 * was acknowledged before the kill is there.
 */
class MultiProcessClusterIT {
  private static final String APP = "multi-app";
  private static final String MASTER = "multi-master";
  private static final int REQUEST_TIMEOUT = 3000;

  private final Map<String, ServerProcess> processes = new LinkedHashMap<>();
  private final Map<String, Integer> clusterPorts = new LinkedHashMap<>();

  @Test
  void theSuiteAcrossEightJvms(@TempDir Path dir) throws Exception {
    for (String name : List.of("data", "auth", "files", "push", "lq1", "lq2", "gw1", "gw2")) {
      clusterPorts.put(name, ServerProcess.freePort());
    }
    String members = String.join(",", clusterPorts.values().stream()
        .map(port -> "127.0.0.1:" + port).toList());
    String redis = TestServers.redisUri();
    String mongo = TestServers.mongoUri();
    Map<String, String> env = new HashMap<>(Map.of("PARSE_SERVER_APPLICATION_ID", APP,
        "PARSE_SERVER_MASTER_KEY", MASTER, "PARSE_SERVER_CLUSTER_MEMBERS", members,
        "PARSE_SERVER_ALLOW_CLIENT_CLASS_CREATION", "true",
        "PARSE_SERVER_REQUEST_TIMEOUT", String.valueOf(REQUEST_TIMEOUT),
        "PARSE_SERVER_LIVE_QUERY", new JsonObject().put("classNames", new JsonArray()
            .add("Message")).put("redisURL", redis).encode(),
        "PARSE_SERVER_RATE_LIMIT", new JsonArray().add(new JsonObject()
            .put("requestPath", "/classes/Limited").put("requestTimeWindow", 120_000)
            .put("requestCount", 4).put("zone", "global").put("redisUrl", redis)).encode(),
        "PARSE_SERVER_DATABASE_URI", mongo));
    Map<String, Integer> httpPorts = new HashMap<>();
    for (String name : List.of("data", "auth", "files", "push", "lq1", "lq2", "gw1", "gw2")) {
      httpPorts.put(name, ServerProcess.freePort());
    }
    Vertx vertx = Vertx.vertx();
    WebClient client = WebClient.create(vertx);
    try {
      start(dir, env, "data", "data", httpPorts.get("data"));
      start(dir, env, "auth", "auth", httpPorts.get("auth"));
      start(dir, env, "files", "files", httpPorts.get("files"));
      start(dir, env, "push", "push", httpPorts.get("push"));
      start(dir, env, "lq1", "livequery", httpPorts.get("lq1"));
      start(dir, env, "lq2", "livequery", httpPorts.get("lq2"));
      start(dir, env, "gw1", "gateway", httpPorts.get("gw1"));
      start(dir, env, "gw2", "gateway", httpPorts.get("gw2"));
      String gw1 = "http://127.0.0.1:" + httpPorts.get("gw1") + "/parse";
      String gw2 = "http://127.0.0.1:" + httpPorts.get("gw2") + "/parse";
      for (String gateway : List.of(gw1, gw2)) {
        untilServed(() -> call(client, HttpMethod.POST, gateway + "/classes/Warmup", null,
            new JsonObject().put("ready", true)));
      }
      // every process answers the orchestrator's probe on its own port (polled: a probe server
      // opens just after its service registers on the bus)
      for (String name : List.of("data", "auth", "files", "push", "lq1", "lq2")) {
        untilAnswered(200, () -> client.get(httpPorts.get(name), "127.0.0.1", "/health").send());
      }

      // users: sign up through one gateway, log in through the other
      JsonObject signedUp = ok(call(client, HttpMethod.POST, gw1 + "/users", null,
          new JsonObject().put("username", "ada").put("password", "pw")), 201);
      JsonObject loggedIn = ok(call(client, HttpMethod.POST, gw2 + "/login", null,
          new JsonObject().put("username", "ada").put("password", "pw")), 200);
      assertEquals(signedUp.getString("objectId"), loggedIn.getString("objectId"));
      String token = loggedIn.getString("sessionToken");

      // CRUD and a query through both
      JsonObject score = ok(call(client, HttpMethod.POST, gw1 + "/classes/GameScore", token,
          new JsonObject().put("score", 10).put("player", "ada")), 201);
      String id = score.getString("objectId");
      ok(call(client, HttpMethod.PUT, gw2 + "/classes/GameScore/" + id, token,
          new JsonObject().put("score", new JsonObject().put("__op", "Increment")
              .put("amount", 5))), 200);
      assertEquals(15, ok(call(client, HttpMethod.GET, gw1 + "/classes/GameScore/" + id, token,
          null), 200).getInteger("score"));
      assertEquals(1, ok(call(client, HttpMethod.GET, gw2 + "/classes/GameScore?where="
          + java.net.URLEncoder.encode("{\"player\":\"ada\"}", "UTF-8"), token, null), 200)
          .getJsonArray("results").size());

      // a file in through one gateway, out through the other
      JsonObject file = ok(client.postAbs(gw1 + "/files/hello.txt")
          .putHeader(ParseHeaders.APPLICATION_ID, APP).putHeader(ParseHeaders.SESSION_TOKEN, token)
          .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer("across JVMs")),
          201);
      assertEquals("across JVMs", client.getAbs(gw2 + "/files/" + APP + "/"
          + file.getString("name")).send().await().bodyAsString());

      // LiveQuery: a subscriber on each LiveQuery process, a change through a gateway
      BlockingQueue<JsonObject> events1 = subscribe(vertx, httpPorts.get("lq1"));
      BlockingQueue<JsonObject> events2 = subscribe(vertx, httpPorts.get("lq2"));
      ok(call(client, HttpMethod.POST, gw2 + "/classes/Message", null,
          new JsonObject().put("text", "to both")), 201);
      assertEquals("to both", event(events1, "create").getJsonObject("object")
          .getString("text"));
      assertEquals("to both", event(events2, "create").getJsonObject("object")
          .getString("text"));

      // one rate limit for both gateways together
      int allowed = 0;
      for (int i = 0; i < 10; i++) {
        HttpResponse<Buffer> answer = call(client, HttpMethod.POST, (i % 2 == 0 ? gw1 : gw2)
            + "/classes/Limited", null, new JsonObject().put("i", i)).await();
        if (answer.statusCode() == 201) {
          allowed++;
        } else {
          assertEquals(429, answer.statusCode(), answer.bodyAsString());
        }
      }
      assertEquals(4, allowed, "the limit holds in total, not per gateway");

      // a log-out through one gateway ends the session on the other within a second
      ok(call(client, HttpMethod.GET, gw2 + "/users/me", token, null), 200);
      ok(call(client, HttpMethod.POST, gw1 + "/logout", token, new JsonObject()), 200);
      long loggedOut = System.currentTimeMillis();
      int status = 200;
      while (status == 200 && System.currentTimeMillis() - loggedOut < 1000) {
        status = call(client, HttpMethod.GET, gw2 + "/users/me", token, null).await()
            .statusCode();
      }
      assertEquals(400, status, "the other gateway still took the token");

      killDataUnderLoad(dir, env, client, gw1, gw2);
    } finally {
      processes.values().forEach(ServerProcess::close);
      vertx.close().await();
    }
  }

  private void killDataUnderLoad(Path dir, Map<String, String> env, WebClient client,
      String gw1, String gw2) throws Exception {
    Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger slowest = new AtomicInteger();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> writers = new ArrayList<>();
    for (String gateway : List.of(gw1, gw2)) {
      Thread writer = new Thread(() -> {
        int n = 0;
        while (running.get()) {
          long started = System.currentTimeMillis();
          try {
            HttpResponse<Buffer> answer = call(client, HttpMethod.POST, gateway
                + "/classes/Durable", null, new JsonObject().put("n", n++)).await();
            if (answer.statusCode() == 201) {
              acknowledged.put(answer.bodyAsJsonObject().getString("objectId"), true);
            } else {
              JsonObject error = answer.bodyAsJsonObject();
              assertTrue(error.containsKey("code"), answer.bodyAsString());
              errors.incrementAndGet();
            }
          } catch (Exception e) {
            errors.incrementAndGet();
          }
          slowest.accumulateAndGet((int) (System.currentTimeMillis() - started), Math::max);
        }
      });
      writer.start();
      writers.add(writer);
    }
    Thread.sleep(1500);
    int beforeKill = acknowledged.size();
    processes.remove("data").close(); // note: destroyForcibly, SIGKILL on Linux
    Thread.sleep(REQUEST_TIMEOUT + 2000);
    assertTrue(errors.get() > 0, "requests during the outage fail");
    start(dir, env, "data2", "data", ServerProcess.freePort(), clusterPorts.get("data"));
    long restarted = System.currentTimeMillis();
    int recoveredAt = acknowledged.size();
    while (acknowledged.size() < recoveredAt + 20
        && System.currentTimeMillis() - restarted < 120_000) {
      Thread.sleep(200);
    }
    running.set(false);
    for (Thread writer : writers) {
      writer.join(10_000);
    }
    assertTrue(acknowledged.size() >= recoveredAt + 20, "traffic recovered after the restart");
    assertTrue(beforeKill > 0, "writes before the kill");
    assertTrue(slowest.get() < REQUEST_TIMEOUT + 5000, "no request hung: " + slowest.get());
    // every acknowledged write is there
    JsonObject counted = ok(client.getAbs(gw1 + "/classes/Durable?count=1&limit=0")
        .putHeader(ParseHeaders.APPLICATION_ID, APP).putHeader(ParseHeaders.MASTER_KEY, MASTER)
        .send(), 200);
    assertTrue(counted.getInteger("count") >= acknowledged.size(), counted.encode() + " < "
        + acknowledged.size());
    for (String objectId : new ArrayList<>(acknowledged.keySet()).subList(0, Math.min(50,
        acknowledged.size()))) {
      ok(client.getAbs(gw2 + "/classes/Durable/" + objectId)
          .putHeader(ParseHeaders.APPLICATION_ID, APP).putHeader(ParseHeaders.MASTER_KEY,
              MASTER).send(), 200);
    }
  }

  private void start(Path dir, Map<String, String> env, String name, String role,
      Integer httpPort) {
    start(dir, env, name, role, httpPort, clusterPorts.get(name));
  }

  private void start(Path dir, Map<String, String> env, String name, String role,
      Integer httpPort, int clusterPort) {
    List<String> args = new ArrayList<>(List.of("--services", role, "--cluster",
        "--clusterHost", "127.0.0.1", "--clusterPort", String.valueOf(clusterPort),
        "--dataDir", dir.resolve(name).resolve("data").toString(), "--logLevel", "warn"));
    if (httpPort != null) {
      args.addAll(List.of("--port", String.valueOf(httpPort)));
    }
    processes.put(name, ServerProcess.start(dir.resolve(name), env, List.of("-Xmx192m",
        "-XX:TieredStopAtLevel=1"), args.toArray(String[]::new)));
  }

  private static Future<HttpResponse<Buffer>> call(WebClient client, HttpMethod method,
      String url, String token, JsonObject body) {
    HttpRequest<Buffer> request = client.requestAbs(method, url).timeout(REQUEST_TIMEOUT * 3L)
        .putHeader(ParseHeaders.APPLICATION_ID, APP);
    if (token != null) {
      request.putHeader(ParseHeaders.SESSION_TOKEN, token);
    }
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  private static JsonObject ok(Future<HttpResponse<Buffer>> call, int status) {
    HttpResponse<Buffer> response = call.await();
    assertEquals(status, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private BlockingQueue<JsonObject> subscribe(Vertx vertx, int port) throws Exception {
    BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    WebSocket socket = untilConnected(vertx, port);
    socket.textMessageHandler(text -> received.add(new JsonObject(text)));
    socket.writeTextMessage(new JsonObject().put("op", "connect").put("applicationId", APP)
        .encode());
    event(received, "connected");
    socket.writeTextMessage(new JsonObject().put("op", "subscribe").put("requestId", 1)
        .put("query", new JsonObject().put("className", "Message").put("where",
            new JsonObject())).encode());
    event(received, "subscribed");
    return received;
  }

  private WebSocket untilConnected(Vertx vertx, int port) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      try {
        return vertx.createWebSocketClient().connect(new WebSocketConnectOptions()
            .setHost("127.0.0.1").setPort(port).setURI("/")).await();
      } catch (Exception notYet) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("no LiveQuery on " + port + "\n" + outputs(), notYet);
        }
        Thread.sleep(250);
      }
    }
  }

  private JsonObject event(BlockingQueue<JsonObject> queue, String op)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      JsonObject message = queue.poll(500, TimeUnit.MILLISECONDS);
      if (message != null && op.equals(message.getString("op"))) {
        return message;
      }
    }
    throw new AssertionError("no " + op + "\n" + outputs());
  }

  private void untilServed(java.util.function.Supplier<Future<HttpResponse<Buffer>>> call)
      throws InterruptedException {
    untilAnswered(201, call);
  }

  private void untilAnswered(int expected,
      java.util.function.Supplier<Future<HttpResponse<Buffer>>> call)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 180_000;
    String last = null;
    while (System.currentTimeMillis() < deadline) {
      processes.forEach((name, process) -> {
        if (!process.isAlive()) {
          throw new IllegalStateException(name + " exited\n" + process.output());
        }
      });
      try {
        HttpResponse<Buffer> answer = call.get().await();
        if (answer.statusCode() == expected) {
          return;
        }
        last = answer.statusCode() + " " + answer.bodyAsString();
      } catch (Exception notYet) {
        last = notYet.toString();
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the cluster did not form; last=" + last + "\n" + outputs());
  }

  private String outputs() {
    StringBuilder all = new StringBuilder();
    processes.forEach((name, process) -> all.append("--- ").append(name).append('\n')
        .append(process.output()));
    return all.toString();
  }
}
