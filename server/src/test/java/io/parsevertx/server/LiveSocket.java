package io.parsevertx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A LiveQuery client for tests: a real WebSocket, every frame it receives queued in order. */
public final class LiveSocket implements AutoCloseable {
  private final WebSocketClient client;
  private final WebSocket socket;
  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  private volatile boolean closed;
  private final java.util.concurrent.CountDownLatch pinged =
      new java.util.concurrent.CountDownLatch(1);

  public LiveSocket(Vertx vertx, int port, String path) {
    client = vertx.createWebSocketClient();
    socket = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI(path)).await();
    socket.textMessageHandler(text -> received.add(new JsonObject(text)));
    socket.closeHandler(v -> closed = true);
    socket.frameHandler(frame -> {
      if (frame.isPing()) {
        pinged.countDown();
      }
    });
  }

  public LiveSocket send(JsonObject message) {
    socket.writeTextMessage(message.encode()).await();
    return this;
  }

  /** The next frame, waiting up to 10 s for it. */
  public JsonObject next() {
    try {
      JsonObject message = received.poll(10, TimeUnit.SECONDS);
      assertNotNull(message, "no LiveQuery message arrived");
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The next frame, which must be {@code op}. */
  public JsonObject next(String op) {
    JsonObject message = next();
    assertEquals(op, message.getString("op"), message.encode());
    return message;
  }

  /** Nothing arrives within {@code millis}. */
  public void nothingFor(long millis) {
    try {
      assertNull(received.poll(millis, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the server pinged this socket within {@code millis}. */
  public boolean awaitPing(long millis) {
    try {
      return pinged.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The next frame within {@code millis}, or null. */
  public JsonObject poll(long millis) {
    try {
      return received.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  public boolean closed() {
    return closed;
  }

  /** Stops reading from the socket, as a client on a stalled network would. */
  public void pause() {
    socket.pause();
  }

  public void resume() {
    socket.resume();
  }

  @Override
  public void close() {
    if (!closed) {
      socket.close();
    }
    client.close();
  }
}
