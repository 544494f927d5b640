package io.parsevertx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.options.OptionsLoader;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the server (SIGTERM runs the same close): a download in flight finishes, whole; a
 * LiveQuery client gets a close frame with 1001 "going away", which makes the SDKs reconnect
 * elsewhere; new connections are refused.
 */
class GracefulShutdownTest {
  private static final String APP = "shutdown-app";
  private static final int SIZE = 16 * 1024 * 1024;
  @TempDir
  Path dataDir;

  @Test
  void inFlightRequestsFinishAndWebSocketsAreToldToGo() throws Exception {
    Map<String, String> flags = new HashMap<>(Map.of("appId", APP, "masterKey", "sd-master",
        "port", "0", "dataDir", dataDir.toString(), "maxUploadSize", "64mb",
        "liveQuery", "{\"classNames\":[\"Message\"]}"));
    SuiteLauncher.RunningSuite suite = SuiteLauncher.start(OptionsLoader.load(flags, Map.of(),
        null)).await();
    int port = suite.gatewayPort();
    String name = upload(port);

    Vertx clientVertx = Vertx.vertx();
    try {
      WebSocket live = clientVertx.createWebSocketClient().connect(new WebSocketConnectOptions()
          .setHost("127.0.0.1").setPort(port).setURI("/")).await();
      CompletableFuture<Short> closeStatus = new CompletableFuture<>();
      live.closeHandler(v -> closeStatus.complete(live.closeStatusCode()));
      CompletableFuture<String> connected = new CompletableFuture<>();
      live.textMessageHandler(connected::complete);
      live.writeTextMessage(new JsonObject().put("op", "connect").put("applicationId", APP)
          .encode());
      connected.get(10, TimeUnit.SECONDS);

      try (Socket download = new Socket("127.0.0.1", port)) {
        download.setReceiveBufferSize(64 * 1024);
        download.getOutputStream().write(("GET /parse/files/" + APP + "/" + name
            + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        InputStream in = new BufferedInputStream(download.getInputStream(), 1 << 16);
        byte[] buffer = new byte[1 << 16];
        long total = in.read(buffer);
        // the server stops while most of the file is still to come
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(suite::close);
        Thread.sleep(300);
        for (int n; (n = in.read(buffer)) > 0; ) {
          total += n;
          Thread.sleep(1); // note: a slow reader, so the transfer outlasts the stop's start
        }
        assertTrue(total > SIZE, "headers and the whole body: " + total);
        stopped.get(30, TimeUnit.SECONDS);
      }
      assertEquals((short) 1001, closeStatus.get(10, TimeUnit.SECONDS));
      boolean refused;
      try (Socket late = new Socket("127.0.0.1", port)) {
        late.getOutputStream().write("GET /parse/health HTTP/1.1\r\nHost: x\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        refused = late.getInputStream().read() < 0;
      } catch (java.io.IOException e) {
        refused = true;
      }
      assertTrue(refused, "no new requests after the stop");
    } finally {
      clientVertx.close().await();
    }
  }

  private static String upload(int port) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /parse/files/big.bin HTTP/1.1\r\nHost: x\r\n"
          + "X-Parse-Application-Id: " + APP + "\r\nX-Parse-Master-Key: sd-master\r\n"
          + "Content-Type: application/octet-stream\r\nContent-Length: " + SIZE
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[SIZE]);
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
      return new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4)).getString("name");
    }
  }
}
