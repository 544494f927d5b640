package io.parsevertx.files;

import io.parsevertx.common.bus.BusReplies;
import io.parsevertx.common.bus.EventBusAddresses;
import io.parsevertx.common.bus.ServiceRole;
import io.parsevertx.common.files.FilesAuth;
import io.parsevertx.common.options.ParseServerOptions;
import io.parsevertx.common.options.S3FilesOptions;
import io.parsevertx.files.encryption.EncryptedFilesAdapter;
import io.parsevertx.files.encryption.FileCipher;
import io.parsevertx.files.s3.S3FilesAdapter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.mongo.MongoClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * files-service: uploads, downloads and deletions of files, on an HTTP endpoint of its own
 * (bodies stream; they never cross the event bus) that the gateway finds by asking
 * {@link EventBusAddresses#FILES_ENDPOINT}. Files live in GridFS or the filesystem.
 */
public final class FilesServiceVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(FilesServiceVerticle.class);
  private HttpServer server;
  private MongoClient mongo;
  private S3FilesAdapter s3;

  @Override
  public Future<?> start() {
    FilesConfig config = FilesConfig.fromJson(config());
    JWTAuth tokens = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(FilesAuth.key(
            config.masterKey()))));
    FilesHttp http = new FilesHttp(config, adapter(), tokens);
    String host = config().getString("filesHost", "127.0.0.1");
    server = vertx.createHttpServer().requestHandler(http.router(vertx));
    return server.listen(config.internalPort(), host).compose(listening -> {
      LOG.info("event=files_listening host={} port={} directory={}", host,
          listening.actualPort(), config.directory());
      JsonObject endpoint = new JsonObject().put("host", host)
          .put("port", listening.actualPort());
      return vertx.eventBus().<JsonObject>consumer(EventBusAddresses.FILES_ENDPOINT,
          message -> message.reply(endpoint)).completion()
          .compose(v -> BusReplies.registerHealth(vertx.eventBus(), ServiceRole.FILES));
    });
  }

  /**
   * GridFS when the database is MongoDB (as Parse Server's default), the filesystem with
   * PostgreSQL and with the embedded development store; {@code filesAdapter} ({@code "gridfs"}
   * or {@code "filesystem"}) chooses, or names the S3 adapter ({@link S3FilesOptions}).
   */
  private FilesAdapter adapter() {
    JsonObject options = config();
    S3FilesOptions s3Options = S3FilesOptions.from(options);
    if (s3Options != null) {
      s3 = S3FilesAdapter.create(vertx, s3Options);
      return s3;
    }
    String uri = options.getString(ParseServerOptions.DATABASE_URI, "");
    Object chosen = options.getValue(ParseServerOptions.FILES_ADAPTER);
    boolean gridFs = chosen == null ? uri.startsWith("mongodb")
        && !options.getBoolean(ParseServerOptions.EMBEDDED_STORE, false)
        : "gridfs".equalsIgnoreCase(String.valueOf(chosen));
    FilesConfig config = FilesConfig.fromJson(options);
    if (gridFs) {
      mongo = MongoClient.createShared(vertx, new JsonObject().put("connection_string", uri),
          "parse-files");
      LOG.info("event=files_adapter adapter=gridfs");
      return encryptedIfKeyed(new GridFsAdapter(mongo));
    }
    LOG.info("event=files_adapter adapter=filesystem directory={}", config.directory());
    return encryptedIfKeyed(new FilesystemAdapter(vertx, config.directory()));
  }

  /** {@code encryptionKey}: files sealed at rest (GridFS and the filesystem). */
  private FilesAdapter encryptedIfKeyed(FilesAdapter stored) {
    String key = config().getString(ParseServerOptions.ENCRYPTION_KEY);
    if (key == null || key.isEmpty()) {
      return stored;
    }
    LOG.info("event=files_encryption enabled=true cipher=AES-256-GCM");
    return new EncryptedFilesAdapter(vertx, stored, FileCipher.forKey(key));
  }

  @Override
  public Future<?> stop() {
    Future<?> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.compose(v -> mongo == null ? Future.succeededFuture() : mongo.close())
        .compose(v -> s3 == null ? Future.succeededFuture()
            : vertx.executeBlocking(() -> {
              s3.close();
              return null;
            }));
  }
}
