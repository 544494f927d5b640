package io.parsevertx.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The launcher as a separate JVM, started as a user would start it; its output goes to a file
 * so a failing test can show it.
 */
public final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ServerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static ServerProcess start(Path workDir, Map<String, String> env, String... args) {
    return start(workDir, env, List.of("-Xmx256m"), args);
  }

  /** @param jvmOptions the JVM's own options, such as its memory limits */
  public static ServerProcess start(Path workDir, Map<String, String> env,
      List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ParseServerMain.class.getName());
    command.addAll(List.of(args));
    try {
      Files.createDirectories(workDir);
      Path log = Files.createTempFile(workDir, "server", ".log");
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(env);
      return new ServerProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int freePort() {
    // note: below the kernel's ephemeral range (32768 and up), so no outgoing connection of
    // another process (Hazelcast, the event bus, a database client) takes the port between
    // this check and the server's bind, as one did in CI; each JVM starts at a random place
    for (int tries = 0; tries < PORT_SPAN; tries++) {
      int port = FIRST_PORT + Math.floorMod(NEXT_PORT.getAndIncrement(), PORT_SPAN);
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new java.net.InetSocketAddress(port));
        return port;
      } catch (IOException taken) {
        // note: try the next one
      }
    }
    throw new UncheckedIOException(new IOException("no free port in " + FIRST_PORT + "-"
        + (FIRST_PORT + PORT_SPAN)));
  }

  private static final int FIRST_PORT = 20_000;
  private static final int PORT_SPAN = 12_000;
  private static final java.util.concurrent.atomic.AtomicInteger NEXT_PORT =
      new java.util.concurrent.atomic.AtomicInteger(new java.util.Random().nextInt(PORT_SPAN));

  /** Waits for the process to end by itself and returns its exit code. */
  public int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException("process still running; output:\n" + output());
    }
    return process.exitValue();
  }

  /** SIGTERM, as an orchestrator stops a pod; returns the exit code. */
  public int terminate() throws InterruptedException {
    process.destroy();
    return waitFor(30);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "<no output: " + e.getMessage() + ">";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
