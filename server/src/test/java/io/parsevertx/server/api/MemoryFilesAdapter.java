package io.parsevertx.server.api;

import io.parsevertx.files.FilesAdapter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deployment's own files adapter, as {@code filesAdapter} names one: files in memory, with
 * the options it was given kept for the test to see.
 */
public final class MemoryFilesAdapter implements FilesAdapter {
  static final Map<String, Buffer> FILES = new ConcurrentHashMap<>();
  static volatile JsonObject lastOptions;

  public MemoryFilesAdapter(Vertx vertx, JsonObject options) {
    lastOptions = options;
  }

  @Override
  public Future<StoredFile> create(String name, String contentType, ReadStream<Buffer> body,
      long maxBytes) {
    Promise<StoredFile> stored = Promise.promise();
    Buffer bytes = Buffer.buffer();
    body.handler(chunk -> {
      bytes.appendBuffer(chunk);
      if (bytes.length() > maxBytes) {
        body.handler(null);
        stored.tryFail(new TooLarge());
      }
    });
    body.exceptionHandler(stored::tryFail);
    body.endHandler(v -> {
      FILES.put(name, bytes);
      FILES.put(name + "#type", Buffer.buffer(contentType));
      stored.tryComplete(new StoredFile(name, contentType, bytes.length(),
          "\"m" + bytes.hashCode() + "\""));
    });
    body.resume();
    return stored.future();
  }

  @Override
  public Future<StoredFile> find(String name) {
    Buffer bytes = FILES.get(name);
    return Future.succeededFuture(bytes == null ? null : new StoredFile(name,
        FILES.get(name + "#type").toString(), bytes.length(), "\"m" + bytes.hashCode() + "\""));
  }

  @Override
  public Future<Void> readTo(String name, long offset, long length, WriteStream<Buffer> out) {
    return out.write(FILES.get(name).getBuffer((int) offset, (int) (offset + length)));
  }

  @Override
  public Future<Boolean> delete(String name) {
    FILES.remove(name + "#type");
    return Future.succeededFuture(FILES.remove(name) != null);
  }

  @Override
  public Future<List<String>> names() {
    return Future.succeededFuture(FILES.keySet().stream().filter(n -> !n.contains("#"))
        .sorted().toList());
  }
}
