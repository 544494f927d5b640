package io.parsevertx.livequery;

import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected WebSocket: what {@code connect} said (master key, session token, installation)
 * and its subscriptions. A client that does not read fast enough is disconnected rather than
 * buffered without bound: the others never wait for it.
 */
final class LiveQueryClient {
  private static final Logger LOG = LoggerFactory.getLogger(LiveQueryClient.class);
  /** Bytes waiting to be written before the client counts as too slow. */
  static final int MAX_QUEUED_BYTES = 1 << 20;

  private final ServerWebSocket socket;
  private final Map<Integer, Subscription> subscriptions = new ConcurrentHashMap<>();
  private volatile String clientId;
  private volatile boolean master;
  private volatile String sessionToken;
  private volatile String installationId;
  private volatile boolean cutOff;
  /** The last event being prepared: events leave in the order their changes arrived. */
  private Future<Void> tail = Future.succeededFuture();

  LiveQueryClient(ServerWebSocket socket) {
    this.socket = socket;
    socket.setWriteQueueMaxSize(MAX_QUEUED_BYTES);
  }

  void connected(String id, boolean hasMaster, String token, String installation) {
    this.clientId = id;
    this.master = hasMaster;
    this.sessionToken = token;
    this.installationId = installation;
  }

  boolean isConnected() {
    return clientId != null;
  }

  String clientId() {
    return clientId;
  }

  boolean master() {
    return master;
  }

  String sessionToken() {
    return sessionToken;
  }

  String installationId() {
    return installationId;
  }

  Map<Integer, Subscription> subscriptions() {
    return subscriptions;
  }

  /** A server message with this client's id (and installation id, as Parse Server sends). */
  JsonObject message(String op) {
    JsonObject message = new JsonObject().put("op", op).put("clientId", clientId);
    if (installationId != null) {
      message.put("installationId", installationId);
    }
    return message;
  }

  void send(JsonObject message) {
    if (cutOff || socket.isClosed()) {
      return;
    }
    if (socket.writeQueueFull()) {
      cutOff = true;
      LOG.warn("event=livequery_client_too_slow clientId={} queuedBytesMax={}", clientId,
          MAX_QUEUED_BYTES);
      socket.close((short) 1008, "too slow: events could not be delivered");
      return;
    }
    socket.writeTextMessage(message.encode());
  }

  /** An {@code error} frame; with {@code reconnect} false the client should not retry. */
  void error(int code, String error, boolean reconnect, Integer requestId) {
    JsonObject message = new JsonObject().put("op", "error").put("code", code)
        .put("error", error).put("reconnect", reconnect);
    if (requestId != null) {
      message.put("requestId", requestId);
    }
    send(message);
  }

  /**
   * Prepares an event (checking access may wait for the database) and sends it, or nothing
   * when it yields null, after every event queued before it.
   */
  synchronized void inOrder(Supplier<Future<JsonObject>> event) {
    tail = tail.transform(previous -> event.get()).map(message -> {
      if (message != null) {
        send(message);
      }
      return (Void) null;
    }).recover(e -> Future.succeededFuture());
  }

  void ping() {
    if (!socket.isClosed()) {
      socket.writePing(io.vertx.core.buffer.Buffer.buffer());
    }
  }

  void close() {
    if (!socket.isClosed()) {
      socket.close();
    }
  }

  /** Closes with 1001 "going away": the SDKs reconnect, to another instance if there is one. */
  void goAway() {
    if (!socket.isClosed()) {
      socket.close((short) 1001, "server shutting down");
    }
  }
}
