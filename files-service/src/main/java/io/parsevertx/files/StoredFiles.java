package io.parsevertx.files;

import io.parsevertx.common.options.ParseServerOptions;
import io.parsevertx.common.options.S3FilesOptions;
import io.parsevertx.files.encryption.EncryptedFilesAdapter;
import io.parsevertx.files.encryption.FileCipher;
import io.parsevertx.files.s3.S3FilesAdapter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter the options choose, as it stores bytes: S3 when {@code filesAdapter} names it,
 * GridFS when the database is MongoDB (as Parse Server's default) or {@code filesAdapter} is
 * {@code "gridfs"}, the filesystem with PostgreSQL, with the embedded development store, or
 * when {@code filesAdapter} is {@code "filesystem"}. Shared by files-service and the key
 * rotation command, which must see the same files.
 */
public final class StoredFiles implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoredFiles.class);
  private final Vertx vertx;
  private final FilesAdapter adapter;
  private final MongoClient mongo;
  private final S3FilesAdapter s3;

  private StoredFiles(Vertx vertx, FilesAdapter adapter, MongoClient mongo, S3FilesAdapter s3) {
    this.vertx = vertx;
    this.adapter = adapter;
    this.mongo = mongo;
    this.s3 = s3;
  }

  public static StoredFiles open(Vertx vertx, JsonObject options) {
    S3FilesOptions s3Options = S3FilesOptions.from(options);
    if (s3Options != null) {
      S3FilesAdapter s3 = S3FilesAdapter.create(vertx, s3Options);
      return new StoredFiles(vertx, s3, null, s3);
    }
    String uri = options.getString(ParseServerOptions.DATABASE_URI, "");
    Object chosen = options.getValue(ParseServerOptions.FILES_ADAPTER);
    boolean gridFs = chosen == null ? uri.startsWith("mongodb")
        && !options.getBoolean(ParseServerOptions.EMBEDDED_STORE, false)
        : "gridfs".equalsIgnoreCase(String.valueOf(chosen));
    if (gridFs) {
      MongoClient mongo = MongoClient.createShared(vertx, new JsonObject()
          .put("connection_string", uri), "parse-files");
      LOG.info("event=files_adapter adapter=gridfs");
      return new StoredFiles(vertx, new GridFsAdapter(mongo), mongo, null);
    }
    FilesConfig config = FilesConfig.fromJson(options);
    LOG.info("event=files_adapter adapter=filesystem directory={}", config.directory());
    return new StoredFiles(vertx, new FilesystemAdapter(vertx, config.directory()), null, null);
  }

  /** The bytes as stored (sealed ones sealed). */
  public FilesAdapter stored() {
    return adapter;
  }

  /**
   * As files-service serves them: with {@code encryptionKey}, sealed at rest in GridFS and the
   * filesystem (S3 has its own server-side encryption).
   */
  public FilesAdapter served(JsonObject options) {
    String key = options.getString(ParseServerOptions.ENCRYPTION_KEY);
    if (key == null || key.isEmpty() || s3 != null) {
      return adapter;
    }
    LOG.info("event=files_encryption enabled=true cipher=AES-256-GCM");
    return new EncryptedFilesAdapter(vertx, adapter, FileCipher.forKey(key));
  }

  /** Closes the clients; the S3 client blocks while closing, so that runs on a worker. */
  public Future<Void> closeAsync() {
    Future<Void> closed = mongo == null ? Future.succeededFuture() : mongo.close();
    return closed.compose(v -> s3 == null ? Future.succeededFuture()
        : vertx.executeBlocking(() -> {
          s3.close();
          return null;
        }));
  }

  @Override
  public void close() {
    closeAsync();
  }
}
