package io.parsevertx.common.livequery;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.shareddata.Shareable;

/**
 * How, in one JVM, the gateway's HTTP server hands WebSocket connections to livequery-service,
 * so LiveQuery is served on the REST port as Parse's {@code createLiveQueryServer(httpServer)}
 * does. The handler lives in the Vert.x instance's local shared data, so each instance (and
 * each test suite) has its own.
 */
public final class WebSocketHandoff {
  private static final String MAP = "parse.livequery.websocket";
  private static final String KEY = "handler";

  private record Entry(String path, Handler<ServerWebSocket> handler) implements Shareable {}

  private WebSocketHandoff() {}

  /** livequery-service takes the WebSockets opened on {@code path}. */
  public static void register(Vertx vertx, String path, Handler<ServerWebSocket> handler) {
    vertx.sharedData().<String, Entry>getLocalMap(MAP).put(KEY, new Entry(path, handler));
  }

  public static void unregister(Vertx vertx) {
    vertx.sharedData().getLocalMap(MAP).remove(KEY);
  }

  /** @return the handler for a WebSocket opened on {@code path}, or null for none */
  public static Handler<ServerWebSocket> find(Vertx vertx, String path) {
    Object entry = vertx.sharedData().getLocalMap(MAP).get(KEY);
    return entry instanceof Entry e && pathMatches(e.path(), path) ? e.handler() : null;
  }

  private static boolean pathMatches(String configured, String requested) {
    String bare = requested == null ? "/" : requested.split("\\?")[0];
    return configured.equals(bare) || (configured + "/").equals(bare)
        || configured.equals(bare + "/");
  }
}
