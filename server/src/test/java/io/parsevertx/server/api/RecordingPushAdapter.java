package io.parsevertx.server.api;

import io.parsevertx.push.PushAdapter;
import io.parsevertx.push.PushResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A custom {@link PushAdapter} for tests: serves the types in its options, records each call
 * (in {@link #CALLS}, and as "label deviceToken" lines in {@code logFile} when given).
 */
public final class RecordingPushAdapter implements PushAdapter {
  static final List<JsonObject> CALLS = new CopyOnWriteArrayList<>();
  private List<String> types = List.of();
  private Vertx vertx;
  private long delayMillis;
  private boolean hang;
  private String label;
  private String logFile;

  @Override
  public Future<Void> init(Vertx vertx, JsonObject options) {
    types = options.getJsonArray("types", new JsonArray()).stream().map(String::valueOf)
        .toList();
    this.vertx = vertx;
    delayMillis = options.getLong("delayMillis", 0L);
    hang = options.getBoolean("hang", false);
    label = options.getString("label");
    logFile = options.getString("logFile");
    return Future.succeededFuture();
  }

  @Override
  public List<String> deviceTypes() {
    return types;
  }

  @Override
  public Future<List<PushResult>> send(JsonObject body, List<JsonObject> installations) {
    CALLS.add(new JsonObject().put("body", body).put("label", label).put("installations",
        new JsonArray(List.copyOf(installations))));
    Future<Void> logged = Future.succeededFuture();
    if (logFile != null) {
      // note: for a sender in another JVM, whose CALLS the test cannot see. Written with the
      // OS's append (an AsyncFile's append writes at the size it saw when opened, so two pages
      // in flight overwrote each other's lines), and before the page counts as sent, so a
      // sender killed after a page was recorded has logged all of it
      StringBuilder lines = new StringBuilder();
      installations.forEach(i -> lines.append(label).append(' ')
          .append(i.getString("deviceToken")).append('\n'));
      java.nio.file.Path path = java.nio.file.Path.of(logFile);
      logged = vertx.executeBlocking(() -> {
        synchronized (RecordingPushAdapter.class) {
          java.nio.file.Files.writeString(path, lines, java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.APPEND);
        }
        return null;
      });
    }
    List<PushResult> results = installations.stream().map(i -> "fail".equals(i.getString(
        "deviceToken")) ? PushResult.failed(i.getString("objectId"), i.getString("deviceType"),
            "refused", false) : PushResult.sent(i.getString("objectId"),
            i.getString("deviceType"))).toList();
    if (hang) {
      return io.vertx.core.Promise.<List<PushResult>>promise().future(); // a sender that died
    }
    // note: a slow provider, so a send keeps its slices while other instances take the rest
    return logged.compose(v -> delayMillis == 0 ? Future.succeededFuture(results)
        : vertx.timer(delayMillis).map(results));
  }
}
