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
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

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
