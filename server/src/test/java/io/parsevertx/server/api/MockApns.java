package io.parsevertx.server.api;

import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.UnregisteredDeviceTokenException;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Pushy's MockApnsServer (HTTP/2 over TLS with the test CA's certificate, client certificates
 * from that CA accepted, tokens not checked), recording every notification it receives and
 * answering {@code Unregistered} for the tokens in {@link #unregistered}.
 */
final class MockApns implements AutoCloseable {
  /** {@code token, topic, priority, pushType, expiration, collapseId, payload} per notification. */
  final ConcurrentLinkedQueue<JsonObject> received = new ConcurrentLinkedQueue<>();
  final Set<String> unregistered = ConcurrentHashMap.newKeySet();
  private final MockApnsServer server;
  final int port;

  MockApns() throws Exception {
    PushNotificationHandler handler = (headers, payload) -> {
      String path = headers.path().toString();
      String token = path.substring(path.lastIndexOf('/') + 1);
      received.add(new JsonObject().put("token", token)
          .put("topic", String.valueOf(headers.get("apns-topic")))
          .put("priority", String.valueOf(headers.get("apns-priority")))
          .put("pushType", String.valueOf(headers.get("apns-push-type")))
          .put("expiration", String.valueOf(headers.get("apns-expiration")))
          .put("collapseId", String.valueOf(headers.get("apns-collapse-id")))
          .put("payload", new JsonObject(payload.toString(StandardCharsets.UTF_8))));
      if (unregistered.contains(token)) {
        throw new UnregisteredDeviceTokenException(Instant.now());
      }
    };
    server = new MockApnsServerBuilder()
        .setServerCredentials(file("server.pem"), file("server-pkcs8.key"), null)
        .setTrustedClientCertificateChain(file("ca.pem"))
        .setHandlerFactory(session -> handler)
        .build();
    port = (Integer) server.start(0).get();
  }

  static File file(String name) {
    try {
      return Path.of(MockApns.class.getResource("/push/" + name).toURI()).toFile();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String path(String name) {
    return file(name).getAbsolutePath();
  }

  /** An APNs configuration pointed at this server. */
  JsonObject config(JsonObject credentials) {
    return credentials.copy().put("apnsHost", "localhost").put("apnsPort", port)
        .put("apnsTrustedCertificate", path("ca.pem"));
  }

  List<JsonObject> to(String token) {
    return received.stream().filter(n -> n.getString("token").equals(token)).toList();
  }

  @Override
  public void close() throws Exception {
    server.shutdown().get();
  }
}
