package io.parsevertx.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The suite as separate processes on one clustered bus (as deploy/ runs it): gateway ×2, data,
 * auth, livequery ×2, with the MongoDB and Redis given. Measures, in one run:
 * <ul>
 *   <li>GET of an object by id through one gateway, then through both (the same total
 *       concurrency split between them): requests/s;</li>
 *   <li>LiveQuery events delivered per second to subscribers connected to one LiveQuery
 *       process, then spread over both, while objects are created through a gateway.</li>
 * </ul>
 *
 * <pre>java -cp bench/target/bench.jar io.parsevertx.bench.ClusterBenchMain --serverJar
 *     server/target/parse-server.jar --mongo mongodb://... --redis redis://... [--seconds 10]
 *     [--concurrency 32] [--subscribers 100]</pre>
 */
public final class ClusterBenchMain {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      ClusterBenchMain.class);
  private static final String APP = "cluster-bench";
  private static final String MASTER = "cluster-bench-mk";

  private ClusterBenchMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      given.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    String jar = given.getOrDefault("serverJar", "server/target/parse-server.jar");
    int seconds = Integer.parseInt(given.getOrDefault("seconds", "10"));
    int concurrency = Integer.parseInt(given.getOrDefault("concurrency", "32"));
    int subscribers = Integer.parseInt(given.getOrDefault("subscribers", "100"));
    String mongo = required(given, "mongo");
    String redis = required(given, "redis");
    Path work = Files.createTempDirectory("cluster-bench");
    Map<String, Integer> cluster = new LinkedHashMap<>();
    Map<String, Integer> http = new LinkedHashMap<>();
    for (String name : List.of("data", "auth", "lq1", "lq2", "gw1", "gw2")) {
      cluster.put(name, freePort());
      http.put(name, freePort());
    }
    String members = String.join(",", cluster.values().stream().map(p -> "127.0.0.1:" + p)
        .toList());
    List<Process> processes = new ArrayList<>();
    Vertx vertx = Vertx.vertx();
    try {
      Map<String, String> roles = Map.of("data", "data", "auth", "auth", "lq1", "livequery",
          "lq2", "livequery", "gw1", "gateway", "gw2", "gateway");
      for (String name : cluster.keySet()) {
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command()
            .orElse("java"), "-Xmx256m", "-jar", jar, "--services", roles.get(name),
            "--cluster", "--clusterHost", "127.0.0.1", "--clusterPort",
            String.valueOf(cluster.get(name)), "--port", String.valueOf(http.get(name)),
            "--dataDir", work.resolve(name).toString(), "--logLevel", "warn")
            .redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
        builder.environment().putAll(Map.of("PARSE_SERVER_APPLICATION_ID", APP,
            "PARSE_SERVER_MASTER_KEY", MASTER, "PARSE_SERVER_CLUSTER_MEMBERS", members,
            "PARSE_SERVER_DATABASE_URI", mongo, "PARSE_SERVER_ALLOW_CLIENT_CLASS_CREATION",
            "true", "PARSE_SERVER_LIVE_QUERY", new JsonObject().put("classNames",
                new JsonArray().add("Event")).put("redisURL", redis).encode()));
        processes.add(builder.start());
      }
      WebClient client = WebClient.create(vertx, new WebClientOptions(),
          new io.vertx.core.http.PoolOptions().setHttp1MaxSize(concurrency));
      String gw1 = "http://127.0.0.1:" + http.get("gw1") + "/parse";
      String gw2 = "http://127.0.0.1:" + http.get("gw2") + "/parse";
      String id = untilCreated(client, gw1);
      untilCreated(client, gw2);
      log("cluster up; logs in " + work);

      run(client, List.of(gw1), id, concurrency, 3); // note: warm-up
      double one = run(client, List.of(gw1), id, concurrency, seconds);
      double two = run(client, List.of(gw1, gw2), id, concurrency, seconds);

      double lqOne = liveQuery(vertx, client, gw1, List.of(http.get("lq1")), subscribers,
          seconds);
      double lqTwo = liveQuery(vertx, client, gw1, List.of(http.get("lq1"), http.get("lq2")),
          subscribers, seconds);
      System.out.println();
      System.out.println("| what | one | two | ratio |");
      System.out.println("| --- | --- | --- | --- |");
      System.out.printf(Locale.ROOT, "| GET by id, c=%d, req/s: gateways | %.0f | %.0f | %.2fx |%n",
          concurrency, one, two, two / one);
      System.out.printf(Locale.ROOT, "| LiveQuery events/s to %d subscribers: livequery "
          + "processes | %.0f | %.0f | %.2fx |%n", subscribers, lqOne, lqTwo, lqTwo / lqOne);
    } finally {
      processes.forEach(Process::destroy);
      for (Process process : processes) {
        process.waitFor();
      }
      vertx.close().await();
    }
  }

  /** Requests/s of GET by id spread over {@code gateways}, {@code concurrency} in flight. */
  private static double run(WebClient client, List<String> gateways, String id,
      int concurrency, int seconds) {
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Future<Void>> loops = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      String gateway = gateways.get(i % gateways.size());
      Promise<Void> finished = Promise.promise();
      loop(client, gateway + "/classes/BenchItem/" + id, end, done, finished);
      loops.add(finished.future());
    }
    Future.all(loops).await();
    double rate = done.get() / (double) seconds;
    log(String.format(Locale.ROOT, "get gateways=%d req/s=%.0f", gateways.size(), rate));
    return rate;
  }

  private static void loop(WebClient client, String url, long end, AtomicLong done,
      Promise<Void> finished) {
    if (System.nanoTime() >= end) {
      finished.complete();
      return;
    }
    client.getAbs(url).putHeader("X-Parse-Application-Id", APP).send().onComplete(answer -> {
      if (answer.succeeded() && answer.result().statusCode() == 200) {
        done.incrementAndGet();
      }
      loop(client, url, end, done, finished);
    });
  }

  /** Events/s delivered to {@code subscribers} spread over the LiveQuery ports. */
  private static double liveQuery(Vertx vertx, WebClient client, String gateway,
      List<Integer> ports, int subscribers, int seconds) throws Exception {
    AtomicLong events = new AtomicLong();
    List<WebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < subscribers; i++) {
      int port = ports.get(i % ports.size());
      WebSocket socket = connect(vertx, port);
      Promise<Void> subscribed = Promise.promise();
      socket.textMessageHandler(text -> {
        String op = new JsonObject(text).getString("op");
        if ("subscribed".equals(op)) {
          subscribed.tryComplete();
        } else if ("create".equals(op)) {
          events.incrementAndGet();
        }
      });
      socket.writeTextMessage(new JsonObject().put("op", "connect").put("applicationId", APP)
          .encode());
      socket.writeTextMessage(new JsonObject().put("op", "subscribe").put("requestId", 1)
          .put("query", new JsonObject().put("className", "Event").put("where",
              new JsonObject())).encode());
      subscribed.future().await();
      sockets.add(socket);
    }
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Future<Void>> producers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Promise<Void> finished = Promise.promise();
      produce(client, gateway, end, finished);
      producers.add(finished.future());
    }
    Future.all(producers).await();
    Thread.sleep(1000); // note: what was saved in time still arrives
    double rate = events.get() / (double) seconds;
    log(String.format(Locale.ROOT, "livequery processes=%d events/s=%.0f", ports.size(), rate));
    sockets.forEach(WebSocket::close);
    return rate;
  }

  /** A handshake can be cut while a starved process catches up: a few tries. */
  private static WebSocket connect(Vertx vertx, int port) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return vertx.createWebSocketClient().connect(new WebSocketConnectOptions()
            .setHost("127.0.0.1").setPort(port).setURI("/")).await();
      } catch (Exception e) {
        if (attempt == 5) {
          throw new IllegalStateException("no LiveQuery at " + port, e);
        }
        Thread.sleep(500);
      }
    }
  }

  private static void produce(WebClient client, String gateway, long end,
      Promise<Void> finished) {
    if (System.nanoTime() >= end) {
      finished.complete();
      return;
    }
    client.postAbs(gateway + "/classes/Event").putHeader("X-Parse-Application-Id", APP)
        .sendJsonObject(new JsonObject().put("at", System.nanoTime()))
        .onComplete(answer -> produce(client, gateway, end, finished));
  }

  private static String untilCreated(WebClient client, String gateway) throws Exception {
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        var answer = client.postAbs(gateway + "/classes/BenchItem")
            .putHeader("X-Parse-Application-Id", APP)
            .sendJsonObject(new JsonObject().put("n", 1)).await();
        if (answer.statusCode() == 201) {
          return answer.bodyAsJsonObject().getString("objectId");
        }
      } catch (Exception notYet) {
        // the cluster is forming
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the cluster did not answer at " + gateway);
  }

  private static String required(Map<String, String> given, String name) {
    String value = given.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void log(String line) {
    LOG.info("event=cluster_bench {}", line);
  }
}
