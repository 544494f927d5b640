package io.parsevertx.files;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.mongo.GridFsUploadOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.MongoGridFsClient;
import java.net.URLConnection;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Files in MongoDB's GridFS, bucket {@code fs}, as Parse Server's GridFS adapter keeps them
 * ({@code fs.files} by {@code filename}, {@code fs.chunks}), so files it stored are served
 * unchanged; the content type and ETag ride in {@code metadata} (for Parse Server's files,
 * which have none, the type comes from the name).
 */
final class GridFsAdapter implements FilesAdapter {
  private static final String FILES = "fs.files";
  private static final String CHUNKS = "fs.chunks";
  private final MongoClient mongo;
  private Future<MongoGridFsClient> bucket;

  GridFsAdapter(MongoClient mongo) {
    this.mongo = mongo;
  }

  private Future<MongoGridFsClient> bucket() {
    if (bucket == null || bucket.failed()) {
      bucket = mongo.createDefaultGridFsBucketService();
    }
    return bucket;
  }

  @Override
  public Future<StoredFile> create(String name, String contentType, ReadStream<Buffer> body,
      long maxBytes) {
    Counting counted = new Counting(body, maxBytes);
    return bucket().compose(gridFs -> gridFs.uploadByFileNameWithOptions(counted, name,
            new GridFsUploadOptions().setMetadata(new JsonObject()
                .put("contentType", contentType)))
        .recover(e -> counted.tooLarge ? Future.failedFuture(new TooLarge())
            : Future.failedFuture(e))
        .compose(id -> {
          if (counted.tooLarge) {
            return gridFs.delete(id).transform(x -> Future.failedFuture(new TooLarge()));
          }
          String etag = counted.etag();
          return mongo.updateCollection(FILES, new JsonObject().put("_id", new JsonObject()
                  .put("$oid", id)), new JsonObject().put("$set", new JsonObject()
                  .put("metadata.etag", etag)))
              .compose(x -> deleteOlder(gridFs, name, id))
              .map(x -> new StoredFile(name, contentType, counted.bytes, etag));
        }));
  }

  /**
   * A replaced file's earlier copies go once the new one is complete; until then readers see
   * the newest complete copy, as GridFS serves by name.
   */
  private Future<Void> deleteOlder(MongoGridFsClient gridFs, String name, String keep) {
    return gridFs.findIds(new JsonObject().put("filename", name)).compose(ids -> {
      Future<Void> all = Future.succeededFuture();
      for (String id : ids) {
        if (!id.equals(keep)) {
          all = all.compose(v -> gridFs.delete(id));
        }
      }
      return all;
    });
  }

  @Override
  public Future<java.util.List<String>> names() {
    return mongo.distinct(FILES, "filename", String.class.getName()).map(names -> names
        .stream().map(String::valueOf).sorted().toList());
  }

  @Override
  public Future<StoredFile> find(String name) {
    return newest(name).map(doc -> {
      if (doc == null) {
        return null;
      }
      JsonObject metadata = doc.getJsonObject("metadata", new JsonObject());
      String type = metadata.getString("contentType");
      if (type == null) {
        type = URLConnection.guessContentTypeFromName(name);
      }
      Object id = doc.getValue("_id");
      String etag = metadata.getString("etag", "\"" + (id instanceof JsonObject oid
          ? oid.getString("$oid") : String.valueOf(id)) + "\"");
      return new StoredFile(name, type == null ? "application/octet-stream" : type,
          doc.getLong("length", 0L), etag, doc);
    });
  }

  /**
   * The whole file through GridFS's own download; any other range (a player seeking, a few
   * header bytes) from only the chunks that hold it in {@code fs.chunks}, so a part of a large
   * file never reads the rest of it.
   */
  @Override
  public Future<Void> readTo(String name, long offset, long length, WriteStream<Buffer> out) {
    return newest(name).compose(doc -> doc == null
        ? Future.failedFuture(new IllegalStateException("no file " + name))
        : readDoc(name, doc, offset, length, out));
  }

  /** {@link #find} keeps the {@code fs.files} document, so a download does not look it up. */
  @Override
  public Future<Void> readTo(StoredFile file, long offset, long length,
      WriteStream<Buffer> out) {
    return file.adapterState() instanceof JsonObject doc
        ? readDoc(file.name(), doc, offset, length, out)
        : readTo(file.name(), offset, length, out);
  }

  private Future<Void> readDoc(String name, JsonObject doc, long offset, long length,
      WriteStream<Buffer> out) {
    if (offset == 0 && length >= doc.getLong("length", 0L)) {
      return bucket().compose(gridFs -> gridFs.downloadByFileName(new Range(out, offset,
          length), name)).mapEmpty();
    }
    long chunkSize = doc.getLong("chunkSize", 255L * 1024);
    long first = offset / chunkSize;
    long last = (offset + length - 1) / chunkSize;
    JsonObject query = new JsonObject().put("files_id", doc.getValue("_id")).put("n",
        new JsonObject().put("$gte", first).put("$lte", last));
    Range range = new Range(out, offset - first * chunkSize, length);
    return mongo.findBatchWithOptions(CHUNKS, query, new io.vertx.ext.mongo.FindOptions()
            .setSort(new JsonObject().put("n", 1)).setBatchSize(4))
        .pipeTo(new ChunkBytes(range));
  }

  private Future<JsonObject> newest(String name) {
    return mongo.findWithOptions(FILES, new JsonObject().put("filename", name),
        new io.vertx.ext.mongo.FindOptions().setSort(new JsonObject().put("uploadDate", -1))
            .setLimit(1)).map(docs -> docs.isEmpty() ? null : docs.get(0));
  }

  /** {@code fs.chunks} documents in, their {@code data} bytes out. */
  private static final class ChunkBytes implements WriteStream<JsonObject> {
    private final WriteStream<Buffer> out;

    ChunkBytes(WriteStream<Buffer> out) {
      this.out = out;
    }

    @Override
    public WriteStream<JsonObject> exceptionHandler(Handler<Throwable> handler) {
      out.exceptionHandler(handler);
      return this;
    }

    @Override
    public Future<Void> write(JsonObject chunk) {
      return out.write(Buffer.buffer(bytes(chunk.getValue("data"))));
    }

    /** The Vert.x client hands binary values over as {@code {"$binary": base64url}}. */
    private static byte[] bytes(Object data) {
      if (data instanceof byte[] raw) {
        return raw;
      }
      Object encoded = data instanceof JsonObject json ? json.getValue("$binary") : data;
      if (encoded instanceof JsonObject nested) {
        encoded = nested.getString("base64");
      }
      return java.util.Base64.getUrlDecoder().decode(String.valueOf(encoded));
    }

    @Override
    public Future<Void> end() {
      return out.end();
    }

    @Override
    public WriteStream<JsonObject> setWriteQueueMaxSize(int maxSize) {
      out.setWriteQueueMaxSize(maxSize);
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return out.writeQueueFull();
    }

    @Override
    public WriteStream<JsonObject> drainHandler(Handler<Void> handler) {
      out.drainHandler(handler);
      return this;
    }
  }

  @Override
  public Future<Boolean> delete(String name) {
    return bucket().compose(gridFs -> gridFs.findIds(new JsonObject().put("filename", name))
        .compose(ids -> {
          Future<Void> all = Future.succeededFuture();
          for (String id : ids) {
            all = all.compose(v -> gridFs.delete(id));
          }
          return all.map(v -> !ids.isEmpty());
        }));
  }

  /** The upload's bytes counted and hashed on their way, stopped past the limit. */
  private static final class Counting implements ReadStream<Buffer> {
    private final ReadStream<Buffer> source;
    private final long max;
    private final MessageDigest digest;
    private long bytes;
    private boolean tooLarge;
    private Handler<Throwable> exceptionHandler;

    Counting(ReadStream<Buffer> source, long max) {
      this.source = source;
      this.max = max;
      try {
        this.digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    String etag() {
      return "\"" + HexFormat.of().formatHex(digest.digest()).substring(0, 32) + "\"";
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      this.exceptionHandler = handler;
      source.exceptionHandler(handler);
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
      if (handler == null) {
        source.handler(null);
        return this;
      }
      source.handler(chunk -> {
        if (tooLarge) {
          return;
        }
        bytes += chunk.length();
        if (bytes > max) {
          tooLarge = true;
          if (exceptionHandler != null) {
            exceptionHandler.handle(new TooLarge());
          }
          return;
        }
        digest.update(chunk.getBytes());
        handler.handle(chunk);
      });
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      source.pause();
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      source.resume();
      return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      source.fetch(amount);
      return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
      source.endHandler(endHandler);
      return this;
    }
  }

  /** Passes on the bytes of one range of what is written, drops the rest. */
  private static final class Range implements WriteStream<Buffer> {
    private final WriteStream<Buffer> out;
    private final long from;
    private final long to;
    private long position;

    Range(WriteStream<Buffer> out, long offset, long length) {
      this.out = out;
      this.from = offset;
      this.to = offset + length;
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      out.exceptionHandler(handler);
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      long start = position;
      long end = position + data.length();
      position = end;
      if (end <= from || start >= to) {
        return Future.succeededFuture();
      }
      int sliceFrom = (int) Math.max(0, from - start);
      int sliceTo = (int) Math.min(data.length(), to - start);
      return out.write(data.getBuffer(sliceFrom, sliceTo));
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture(); // note: the caller ends the response
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      out.setWriteQueueMaxSize(maxSize);
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return out.writeQueueFull();
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      out.drainHandler(handler);
      return this;
    }
  }
}
