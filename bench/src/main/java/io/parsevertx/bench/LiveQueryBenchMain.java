package io.parsevertx.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code java -cp bench.jar io.parsevertx.bench.LiveQueryBenchMain URL APP_ID MASTER_KEY
 * [SERVER_PID]}: LiveQuery's own numbers, against a server whose {@code liveQuery.classNames}
 * holds {@code LqBench}.
 * <ul>
 *   <li>save-to-event latency, p50/p99, with 1, 1,000 and 10,000 subscriptions held (each on
 *       its own room; one subscriber's room is saved to, one object at a time);</li>
 *   <li>events delivered per second: 1,000 subscriptions that all match, saves in flight;</li>
 *   <li>idle connections per GiB: the server process's resident memory before and after 2,000
 *       connected, subscribed, idle sockets (from {@code /proc/<pid>/status}; needs the pid).</li>
 * </ul>
 */
public final class LiveQueryBenchMain {
  private static final String CLASS = "LqBench";
  private static final int PER_SOCKET = 100;

  private final Vertx vertx;
  private final WebClient http;
  private final WebSocketClient sockets;
  private final URI api;
  private final String appId;
  private final String masterKey;

  private LiveQueryBenchMain(Vertx vertx, URI api, String appId, String masterKey) {
    this.vertx = vertx;
    this.api = api;
    this.appId = appId;
    this.masterKey = masterKey;
    this.http = WebClient.create(vertx, new WebClientOptions());
    this.sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(5000));
  }

  public static void main(String[] args) throws Exception {
    URI api = URI.create(args[0]);
    Vertx vertx = Vertx.vertx();
    LiveQueryBenchMain bench = new LiveQueryBenchMain(vertx, api, args[1], args[2]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try {
      out.println("== LiveQuery  " + api + "  (one server process; bench on the same machine)");
      out.println(String.format("%-34s %10s %10s %10s", "run", "events", "p50 ms", "p99 ms"));
      for (int held : new int[] {1, 1_000, 10_000}) {
        LatencyRecorder latencies = bench.saveToEvent(held, 300);
        out.println(String.format(Locale.ROOT, "%-34s %10d %10.2f %10.2f",
            "save-to-event, " + held + " subscriptions", latencies.count(),
            latencies.percentileMs(50), latencies.percentileMs(99)));
      }
      out.println(String.format(Locale.ROOT, "%-34s %10.0f", "events delivered per second",
          bench.eventsPerSecond(1_000, 200)));
      if (args.length > 3) {
        long pid = Long.parseLong(args[3]);
        out.println(String.format(Locale.ROOT, "%-34s %10.0f",
            "idle connections per GiB (RSS)", bench.idleConnectionsPerGiB(pid, 2_000)));
      }
    } finally {
      vertx.close().await();
    }
  }

  /** A socket with {@code subscriptions} subscribed; events go to {@code onEvent}. */
  private Future<WebSocket> socket(List<JsonObject> wheres, int firstRequestId,
      java.util.function.Consumer<JsonObject> onEvent) {
    int port = api.getPort() > 0 ? api.getPort() : 80;
    return sockets.connect(new WebSocketConnectOptions().setHost(api.getHost()).setPort(port)
        .setURI("/")).compose(ws -> {
          Promise<WebSocket> ready = Promise.promise();
          int[] pending = {wheres.size()};
          ws.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            switch (message.getString("op", "")) {
              case "connected" -> {
                for (int i = 0; i < wheres.size(); i++) {
                  ws.writeTextMessage(new JsonObject().put("op", "subscribe")
                      .put("requestId", firstRequestId + i).put("query", new JsonObject()
                          .put("className", CLASS).put("where", wheres.get(i))).encode());
                }
              }
              case "subscribed" -> {
                if (--pending[0] == 0) {
                  ready.tryComplete(ws);
                }
              }
              case "error" -> ready.tryFail(message.encode());
              default -> onEvent.accept(message);
            }
          });
          ws.writeTextMessage(new JsonObject().put("op", "connect").put("applicationId", appId)
              .put("masterKey", masterKey).encode());
          return ready.future();
        });
  }

  /** Opens {@code count} subscriptions on rooms nobody saves to, {@value #PER_SOCKET} a socket. */
  private Future<List<WebSocket>> quiet(int count, String prefix) {
    List<Future<WebSocket>> opened = new ArrayList<>();
    for (int first = 0; first < count; first += PER_SOCKET) {
      List<JsonObject> wheres = new ArrayList<>();
      for (int i = first; i < Math.min(count, first + PER_SOCKET); i++) {
        wheres.add(new JsonObject().put("room", prefix + i));
      }
      opened.add(socket(wheres, 1, event -> { }));
    }
    return Future.all(opened).map(v -> opened.stream().map(Future::result).toList());
  }

  private Future<JsonObject> save(JsonObject object) {
    return http.requestAbs(HttpMethod.POST, api + "/classes/" + CLASS)
        .putHeader("X-Parse-Application-Id", appId).putHeader("X-Parse-Master-Key", masterKey)
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(object.encode())).map(response -> {
          if (response.statusCode() != 201) {
            throw new IllegalStateException("save answered " + response.statusCode() + " "
                + response.bodyAsString());
          }
          return response.bodyAsJsonObject();
        });
  }

  /** Time from sending a save to its event at the one subscriber of that room. */
  LatencyRecorder saveToEvent(int held, int events) {
    LatencyRecorder latencies = new LatencyRecorder();
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Promise<Void>[] waiting = new Promise[1];
    String room = "target-" + held;
    List<WebSocket> open = new ArrayList<>(quiet(held - 1, "quiet-" + held + "-").await());
    open.add(socket(List.of(new JsonObject().put("room", room)), 1, event -> {
      Long started = sentAt.remove(event.getJsonObject("object", new JsonObject())
          .getString("tag"));
      if (started != null) {
        latencies.recordNanos(System.nanoTime() - started);
        waiting[0].tryComplete();
      }
    }).await());
    for (int i = 0; i < events + 20; i++) {
      String tag = held + "-" + i;
      waiting[0] = Promise.promise();
      if (i >= 20) { // note: the first 20 warm the path up and are not counted
        sentAt.put(tag, System.nanoTime());
      }
      save(new JsonObject().put("room", room).put("tag", tag)).await();
      if (i >= 20) {
        waiting[0].future().await();
      }
    }
    open.forEach(WebSocket::close);
    return latencies;
  }

  /** Events delivered per second to {@code subscribers} subscriptions that all match. */
  double eventsPerSecond(int subscribers, int saves) {
    AtomicLong delivered = new AtomicLong();
    long expected = (long) subscribers * saves;
    Promise<Void> done = Promise.promise();
    List<Future<WebSocket>> opened = new ArrayList<>();
    for (int first = 0; first < subscribers; first += PER_SOCKET) {
      List<JsonObject> wheres = new ArrayList<>();
      for (int i = first; i < Math.min(subscribers, first + PER_SOCKET); i++) {
        wheres.add(new JsonObject().put("room", "fanout"));
      }
      opened.add(socket(wheres, 1, event -> {
        if (delivered.incrementAndGet() == expected) {
          done.tryComplete();
        }
      }));
    }
    Future.all(opened).await();
    long start = System.nanoTime();
    List<Future<JsonObject>> inFlight = new ArrayList<>();
    for (int i = 0; i < saves; i++) {
      inFlight.add(save(new JsonObject().put("room", "fanout").put("n", i)));
      if (inFlight.size() == 16) {
        Future.all(inFlight).await();
        inFlight.clear();
      }
    }
    Future.all(inFlight).await();
    done.future().await();
    double seconds = (System.nanoTime() - start) / 1e9;
    opened.forEach(f -> f.result().close());
    return expected / seconds;
  }

  /** Idle subscribed connections per GiB of the server's resident memory growth. */
  double idleConnectionsPerGiB(long pid, int connections) throws Exception {
    long before = rssKiB(pid);
    List<Future<WebSocket>> opened = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      opened.add(socket(List.of(new JsonObject().put("room", "idle-" + i)), 1, event -> { }));
      if (opened.size() % 200 == 0) {
        Future.all(opened).await();
      }
    }
    Future.all(opened).await();
    Thread.sleep(1000);
    long after = rssKiB(pid);
    opened.forEach(f -> f.result().close());
    double perConnectionKiB = Math.max(1, after - before) / (double) connections;
    return 1024 * 1024 / perConnectionKiB;
  }

  private static long rssKiB(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }
}
