package io.parsevertx.files;

import io.parsevertx.common.options.FilesAdapterChoice;
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
 * The adapter the options choose ({@link FilesAdapterChoice}), as it stores bytes: S3 when
 * {@code filesAdapter} names it, a deployment's own class when it names one, GridFS when the
 * database is MongoDB (as Parse Server's default) or {@code filesAdapter} is {@code "gridfs"},
 * the filesystem ({@code <dataDir>/files[/<filesSubDirectory>]}) with PostgreSQL, with the
 * embedded development store, or when {@code filesAdapter} is {@code "filesystem"}. Shared by files-service and the key
 * rotation command, which must see the same files.
 */
public final class StoredFiles {
  private static final Logger LOG = LoggerFactory.getLogger(StoredFiles.class);
  private final Vertx vertx;
  private final FilesAdapter adapter;
  private final MongoClient mongo;
  private final S3FilesAdapter s3;
  private final FilesAdapterChoice choice;

  private StoredFiles(Vertx vertx, FilesAdapter adapter, MongoClient mongo, S3FilesAdapter s3,
      FilesAdapterChoice choice) {
    this.vertx = vertx;
    this.adapter = adapter;
    this.mongo = mongo;
    this.s3 = s3;
    this.choice = choice;
  }

  /**
   * @throws IllegalStateException when a custom adapter class cannot be made (the options
   *     checks at start have already found the class)
   */
  public static StoredFiles open(Vertx vertx, JsonObject options) {
    FilesAdapterChoice choice = FilesAdapterChoice.from(options);
    S3FilesOptions s3Options = S3FilesOptions.from(options);
    if (s3Options != null) {
      S3FilesAdapter s3 = S3FilesAdapter.create(vertx, s3Options);
      return new StoredFiles(vertx, s3, null, s3, choice);
    }
    if (choice.kind() == FilesAdapterChoice.Kind.CUSTOM) {
      LOG.info("event=files_adapter adapter=custom class={}", choice.className());
      return new StoredFiles(vertx, custom(vertx, choice), null, null, choice);
    }
    String uri = options.getString(ParseServerOptions.DATABASE_URI, "");
    boolean gridFs = choice.kind() == null ? uri.startsWith("mongodb")
        && !options.getBoolean(ParseServerOptions.EMBEDDED_STORE, false)
        : choice.kind() == FilesAdapterChoice.Kind.GRIDFS;
    if (gridFs) {
      MongoClient mongo = MongoClient.createShared(vertx, new JsonObject()
          .put("connection_string", uri), "parse-files");
      LOG.info("event=files_adapter adapter=gridfs");
      return new StoredFiles(vertx, new GridFsAdapter(mongo), mongo, null, choice);
    }
    java.nio.file.Path directory = FilesConfig.fromJson(options).directory();
    String sub = choice.options().getString("filesSubDirectory");
    if (sub != null && !sub.isBlank()) {
      directory = directory.resolve(sub);
    }
    LOG.info("event=files_adapter adapter=filesystem directory={}", directory);
    return new StoredFiles(vertx, new FilesystemAdapter(vertx, directory), null, null, choice);
  }

  /** A deployment's own adapter: a constructor taking (Vertx, JsonObject options), or none. */
  private static FilesAdapter custom(Vertx vertx, FilesAdapterChoice choice) {
    try {
      Class<?> type = Class.forName(choice.className(), true,
          Thread.currentThread().getContextClassLoader());
      if (!FilesAdapter.class.isAssignableFrom(type)) {
        throw new IllegalStateException("filesAdapter " + choice.className()
            + " does not implement " + FilesAdapter.class.getName());
      }
      try {
        return (FilesAdapter) type.getConstructor(Vertx.class, JsonObject.class)
            .newInstance(vertx, choice.options().copy());
      } catch (NoSuchMethodException e) {
        return (FilesAdapter) type.getConstructor().newInstance();
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("filesAdapter " + choice.className()
          + " cannot be made: " + e, e);
    }
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
    String key = choice.encryptionKey(options);
    if (key == null || key.isEmpty() || s3 != null
        || choice.kind() == FilesAdapterChoice.Kind.CUSTOM) {
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
}
