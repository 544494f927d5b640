package io.parsevertx.files;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Files in a directory ({@code <dataDir>/files}): the bytes in a file named after the file, its
 * content type, length and ETag beside it in {@code <name>.meta.json}. Uploads stream to a
 * temporary file that is renamed into place only when complete, so a failed or oversized
 * upload leaves nothing behind.
 */
final class FilesystemAdapter implements FilesAdapter {
  private static final String META = ".meta.json";
  private final FileSystem fs;
  private final Path directory;

  FilesystemAdapter(Vertx vertx, Path directory) {
    this.fs = vertx.fileSystem();
    this.directory = directory;
  }

  private String path(String name) {
    return directory.resolve(name).toString();
  }

  @Override
  public Future<StoredFile> create(String name, String contentType, ReadStream<Buffer> body,
      long maxBytes) {
    String partial = path(name) + ".partial";
    MessageDigest digest = sha256();
    long[] written = {0};
    return fs.mkdirs(directory.toString())
        .compose(v -> fs.open(partial, new OpenOptions().setCreate(true).setTruncateExisting(
            true).setWrite(true)))
        .compose(file -> {
          Promise<Void> done = Promise.promise();
          body.exceptionHandler(done::tryFail);
          body.handler(chunk -> {
            written[0] += chunk.length();
            if (written[0] > maxBytes) {
              body.handler(null);
              done.tryFail(new TooLarge());
              return;
            }
            digest.update(chunk.getBytes());
            file.write(chunk);
            if (file.writeQueueFull()) {
              body.pause();
              file.drainHandler(x -> body.resume());
            }
          });
          body.endHandler(v -> done.tryComplete());
          body.resume();
          return done.future()
              .transform(ended -> file.close().transform(closed -> ended.succeeded()
                  ? Future.<Void>succeededFuture() : fs.delete(partial).transform(
                      x -> Future.failedFuture(ended.cause()))));
        })
        .compose(v -> {
          StoredFile stored = new StoredFile(name, contentType, written[0],
              "\"" + HexFormat.of().formatHex(digest.digest()).substring(0, 32) + "\"");
          JsonObject meta = new JsonObject().put("contentType", contentType)
              .put("length", stored.length()).put("etag", stored.etag());
          // note: bytes first, description second: a file is found only by its description,
          // so a new upload cut short in between stays invisible
          return fs.move(partial, path(name), new io.vertx.core.file.CopyOptions()
                  .setReplaceExisting(true))
              .compose(x -> fs.writeFile(path(name) + META, meta.toBuffer()))
              .map(stored);
        });
  }

  @Override
  public Future<StoredFile> find(String name) {
    // note: the length is the file's own, so a replacement cut short between renaming the
    // bytes into place and writing their description still reads consistently
    return fs.exists(path(name) + META).compose(exists -> !exists
        ? Future.succeededFuture(null)
        : fs.readFile(path(name) + META).compose(raw -> fs.props(path(name)).map(props -> {
          JsonObject meta = raw.toJsonObject();
          return new StoredFile(name, meta.getString("contentType"), props.size(),
              meta.getString("etag"));
        })));
  }

  @Override
  public Future<java.util.List<String>> names() {
    return fs.exists(directory.toString()).compose(exists -> !exists
        ? Future.succeededFuture(java.util.List.of())
        : fs.readDir(directory.toString(), ".*\\.meta\\.json$").map(paths -> paths.stream()
            .map(p -> Path.of(p).getFileName().toString())
            .map(file -> file.substring(0, file.length() - META.length())).sorted().toList()));
  }

  @Override
  public Future<Void> readTo(String name, long offset, long length, WriteStream<Buffer> out) {
    return fs.open(path(name), new OpenOptions().setRead(true)).compose(file -> {
      AsyncFile ranged = file.setReadPos(offset).setReadLength(length);
      return ranged.pipe().endOnComplete(false).to(out);
    });
  }

  @Override
  public Future<Boolean> delete(String name) {
    return fs.exists(path(name) + META).compose(exists -> !exists
        ? Future.succeededFuture(false)
        : fs.delete(path(name) + META).compose(v -> fs.delete(path(name))).map(true));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
