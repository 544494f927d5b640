package io.parsevertx.storage.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development store used when no {@code databaseURI} is given: mongo-java-server speaking the
 * MongoDB wire protocol on a loopback port, persisted by its H2 backend in one file under the
 * data directory. Not for production: it is a partial MongoDB (no transactions, no text search).
 */
public final class EmbeddedMongo implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongo.class);
  private static final String FILE_NAME = "parse.mv.db";
  private static final String DATABASE = "parse";

  private final MongoServer server;
  private final H2Backend backend;
  private final String connectionString;

  private EmbeddedMongo(MongoServer server, H2Backend backend, String connectionString) {
    this.server = server;
    this.backend = backend;
    this.connectionString = connectionString;
  }

  /** Starts the store on a free loopback port; call before any event loop runs (file I/O). */
  public static EmbeddedMongo start(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dataDir, e);
    }
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    H2Backend backend = new H2Backend(file.toString());
    backend.version(ServerVersion.MONGO_5_0);
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", 0);
    String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/" + DATABASE;
    LOG.info("event=embedded_store_started file={} uri={}", file, uri);
    return new EmbeddedMongo(server, backend, uri);
  }

  /** A {@code mongodb://} URI naming the {@code parse} database. */
  public String connectionString() {
    return connectionString;
  }

  /** Stops listening and flushes the H2 file. */
  @Override
  public void close() {
    server.shutdown();
    backend.commit();
    backend.close();
    LOG.info("event=embedded_store_stopped");
  }
}
