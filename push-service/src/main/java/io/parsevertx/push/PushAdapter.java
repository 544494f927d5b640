package io.parsevertx.push;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * How notifications leave the server, as Parse Server's {@code PushAdapter}: after push-service
 * has run the installation query, {@link #send} delivers one batch. Configure your own with
 * {@code push.adapter} ({@code "com.example.MyAdapter"} or {@code {"module": ..., "options":
 * {...}}}): it replaces the default APNs/FCM adapter. Implementations need a public no-argument
 * constructor; their methods are called on a Vert.x event loop and must not block it.
 */
public interface PushAdapter {

  /**
   * Called once before the first send.
   *
   * @param options {@code push.adapter.options}, or {} for the default adapter
   * @return fails (the service does not start) when the options are wrong
   */
  default Future<Void> init(Vertx vertx, JsonObject options) {
    return Future.succeededFuture();
  }

  /** The {@code deviceType}s this adapter can reach; the installation query is limited to them. */
  List<String> deviceTypes();

  /**
   * Sends one push to a batch of installations.
   *
   * @param body the push as Parse Server hands it to adapters: {@code data} (already localized
   *     for these installations, {@code badge} resolved per installation by the caller when it
   *     was {@code "Increment"}), {@code push_id} (the {@code _PushStatus} objectId), and
   *     {@code expiration_time} (ms since the epoch) when set
   * @param installations the {@code _Installation} objects (each with {@code objectId},
   *     {@code deviceType}, {@code deviceToken}, {@code appIdentifier}, {@code badge}, ...)
   * @return one result per installation; a failed future counts the whole batch as failed
   */
  Future<List<PushResult>> send(JsonObject body, List<JsonObject> installations);

  /** Releases connections; called when the service stops. */
  default Future<Void> close() {
    return Future.succeededFuture();
  }
}
