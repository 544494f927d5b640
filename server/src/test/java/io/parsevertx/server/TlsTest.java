package io.parsevertx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parsevertx.common.options.OptionsLoader;
import io.parsevertx.testing.TestServers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ssl}: the gateway serves HTTPS and LiveQuery WSS on its port from PEM files, checked
 * with real TLS clients that trust the certificate; a client that does not trust it, or speaks
 * plain HTTP, gets nothing.
 */
class TlsTest {
  private static final String APP = "tls-app";

  @Test
  void httpsAndWssFromTheGateway() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    Map<String, String> flags = new HashMap<>(Map.of("appId", APP, "masterKey", "tls-master",
        "port", "0", "databaseURI", TestServers.mongoUri(), "allowClientClassCreation", "true",
        "liveQuery", "{\"classNames\":[\"Message\"]}",
        "ssl", new JsonObject().put("key", certificate.privateKeyPath())
            .put("cert", certificate.certificatePath()).encode()));
    SuiteLauncher.RunningSuite suite = SuiteLauncher.start(OptionsLoader.load(flags, Map.of(),
        null)).await();
    try {
      int port = suite.gatewayPort();
      WebClient trusting = WebClient.create(suite.vertx(), new WebClientOptions().setSsl(true)
          .setTrustOptions(certificate.trustOptions()).setVerifyHost(false));
      HttpResponse<Buffer> created = trusting.post(port, "localhost", "/parse/classes/Message")
          .putHeader("X-Parse-Application-Id", APP)
          .sendJsonObject(new JsonObject().put("text", "over TLS")).await();
      assertEquals(201, created.statusCode(), created.bodyAsString());

      WebClient untrusting = WebClient.create(suite.vertx(), new WebClientOptions().setSsl(true));
      assertThrows(javax.net.ssl.SSLHandshakeException.class, () -> untrusting.get(port, "localhost",
          "/parse/health").send().await());
      WebClient plain = WebClient.create(suite.vertx(), new WebClientOptions()
          .setConnectTimeout(2000).setIdleTimeout(3));
      boolean plainAnswered;
      try {
        plain.get(port, "localhost", "/parse/health").send().await();
        plainAnswered = true;
      } catch (Exception closed) {
        plainAnswered = false; // note: the server drops a connection that does not start TLS
      }
      assertEquals(false, plainAnswered, "plain HTTP on the TLS port");

      WebSocketClient sockets = suite.vertx().createWebSocketClient(new WebSocketClientOptions()
          .setSsl(true).setTrustOptions(certificate.trustOptions()).setVerifyHost(false));
      WebSocket socket = sockets.connect(new WebSocketConnectOptions().setHost("localhost")
          .setPort(port).setURI("/").setSsl(true)).await();
      CompletableFuture<String> first = new CompletableFuture<>();
      socket.textMessageHandler(first::complete);
      socket.writeTextMessage(new JsonObject().put("op", "connect").put("applicationId", APP)
          .encode()).await();
      assertEquals("connected", new JsonObject(first.get(10, TimeUnit.SECONDS))
          .getString("op"));
      socket.close().await();
    } finally {
      suite.close();
    }
  }
}
