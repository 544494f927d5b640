package io.parsevertx.bench;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import io.parsevertx.common.ParseHeaders;
import io.parsevertx.common.options.OptionsLoader;
import io.parsevertx.server.SuiteLauncher;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.FileInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code java -cp bench.jar io.parsevertx.bench.PushBenchMain [INSTALLATIONS [badge]]}
 * (default 100,000; {@code badge} sends {@code "badge": "Increment"}): push-service's send
 * rate. Starts embedded PostgreSQL, the whole suite and Pushy's MockApnsServer (HTTP/2 over
 * TLS, token auth) in this JVM, registers the installations through {@code POST /batch}, sends
 * one push to all of them and reports pushes per second (from the {@code POST /push} to the
 * {@code _PushStatus} turning succeeded) and the heap and resident memory high-water marks.
 */
public final class PushBenchMain {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      PushBenchMain.class);
  private static final String APP_ID = "bench";
  private static final String MASTER_KEY = "bench-master";

  private PushBenchMain() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    // note: "Increment" saves every installation's badge before its send, one update each
    boolean badge = args.length > 1 && "badge".equals(args[1]);
    Path dir = Files.createTempDirectory("push-bench");
    AtomicLong received = new AtomicLong();
    MockApnsServer apns = mockApns(dir, received);
    int apnsPort = (Integer) apns.start(0).get();
    writeSigningKey(dir.resolve("AuthKey.p8"));
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    String uri = "postgres://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
    JsonObject push = new JsonObject().put("ios", new JsonObject()
        .put("token", new JsonObject().put("key", dir.resolve("AuthKey.p8").toString())
            .put("keyId", "BENCHKEY01").put("teamId", "BENCHTEAM1"))
        .put("topic", "com.example.bench").put("apnsHost", "localhost")
        .put("apnsPort", apnsPort)
        .put("apnsTrustedCertificate", dir.resolve("server.pem").toString()));
    SuiteLauncher.RunningSuite suite = SuiteLauncher.start(OptionsLoader.load(Map.of(
        "appId", APP_ID, "masterKey", MASTER_KEY, "port", "0", "databaseURI", uri,
        "push", push.encode(), "logLevel", "warn"), Map.of(), null)).await();
    WebClient client = WebClient.create(suite.vertx());
    String api = "http://localhost:" + suite.gatewayPort() + "/parse";
    try {
      long seeded = System.nanoTime();
      seed(client, api, count);
      LOG.info("event=push_bench_seeded installations={} seconds={}", count,
          String.format(Locale.ROOT, "%.1f", (System.nanoTime() - seeded) / 1e9));
      System.gc();
      resetPeaks();
      long start = System.nanoTime();
      HttpResponse<Buffer> sent = request(client, HttpMethod.POST, api + "/push",
          new JsonObject().put("where", new JsonObject()).put("data", badge
              ? new JsonObject().put("alert", "benchmark").put("badge", "Increment")
              : new JsonObject().put("alert", "benchmark"))).await();
      String statusId = sent.getHeader(ParseHeaders.PUSH_STATUS_ID);
      JsonObject status;
      do {
        Thread.sleep(100);
        status = request(client, HttpMethod.GET, api + "/classes/_PushStatus/" + statusId, null)
            .await().bodyAsJsonObject();
      } while (!"succeeded".equals(status.getString("status"))
          && !"failed".equals(status.getString("status")));
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "status %s: numSent %d, numFailed %d, mock received %d%n",
          status.getString("status"), status.getInteger("numSent"),
          status.getInteger("numFailed"), received.get());
      System.out.printf(Locale.ROOT, "%,d pushes in %.1f s: %,.0f pushes/s%n", count, seconds,
          count / seconds);
      System.out.printf(Locale.ROOT, "heap peak during the send %d MiB, resident peak %d MiB "
          + "(one JVM: suite, mock APNs, client)%n", heapPeakMiB(), residentPeakMiB());
    } finally {
      suite.close();
      apns.shutdown().get();
      postgres.close();
    }
  }

  /** 50 installations per {@code POST /batch}, 8 batches in flight. */
  private static void seed(WebClient client, String api, int count) {
    List<JsonArray> batches = new ArrayList<>();
    JsonArray batch = new JsonArray();
    for (int i = 0; i < count; i++) {
      String token = UUID.randomUUID().toString().replace("-", "")
          + UUID.randomUUID().toString().replace("-", "");
      batch.add(new JsonObject().put("method", "POST").put("path", "/parse/installations")
          .put("body", new JsonObject().put("deviceType", "ios").put("deviceToken", token)
              .put("installationId", UUID.randomUUID().toString())));
      if (batch.size() == 50 || i == count - 1) {
        batches.add(batch);
        batch = new JsonArray();
      }
    }
    AtomicLong next = new AtomicLong();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < 8; lane++) {
      lanes.add(seedLane(client, api, batches, next));
    }
    Future.all(lanes).await();
  }

  private static Future<Void> seedLane(WebClient client, String api, List<JsonArray> batches,
      AtomicLong next) {
    int index = (int) next.getAndIncrement();
    if (index >= batches.size()) {
      return Future.succeededFuture();
    }
    return request(client, HttpMethod.POST, api + "/batch", new JsonObject()
        .put("requests", batches.get(index))).compose(response -> response.statusCode() == 200
            ? seedLane(client, api, batches, next)
            : Future.failedFuture("batch answered " + response.statusCode()));
  }

  private static Future<HttpResponse<Buffer>> request(WebClient client, HttpMethod method,
      String url, JsonObject body) {
    var request = client.requestAbs(method, url).putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY);
    return body == null ? request.send() : request.sendJsonObject(body);
  }

  /** A TLS certificate made with the JDK's keytool; every notification is accepted, counted. */
  private static MockApnsServer mockApns(Path dir, AtomicLong received) throws Exception {
    Path store = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin",
        "keytool").toString(), "-genkeypair", "-alias", "apns", "-keyalg", "RSA", "-keysize",
        "2048", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "bench-pass")
        .inheritIO().start();
    if (keytool.waitFor() != 0) {
      throw new IllegalStateException("keytool failed");
    }
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(store.toFile())) {
      keyStore.load(in, "bench-pass".toCharArray());
    }
    X509Certificate certificate = (X509Certificate) keyStore.getCertificate("apns");
    PrivateKey key = (PrivateKey) keyStore.getKey("apns", "bench-pass".toCharArray());
    Files.writeString(dir.resolve("server.pem"), "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder().encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n");
    return new MockApnsServerBuilder()
        .setServerCredentials(new X509Certificate[] {certificate}, key, null)
        .setHandlerFactory(session -> (headers, payload) -> received.incrementAndGet())
        .build();
  }

  private static void writeSigningKey(Path path) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    Files.writeString(path, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder()
        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
  }

  private static void resetPeaks() {
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long heapPeakMiB() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
  }

  /** Linux's VmHWM of this process (whole run), or -1 elsewhere. */
  private static long residentPeakMiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
        }
      }
    } catch (java.io.IOException e) {
      return -1;
    }
    return -1;
  }
}
