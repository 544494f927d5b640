package io.parsevertx.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Files throughput and memory: starts the server jar (embedded store, filesystem adapter)
 * without and then with {@code encryptionKey}, and measures uploads and downloads of 1 MiB
 * files (many, 4 at a time) and of one 1 GiB file through {@code /files}: MB/s, and the
 * server's heap high-water mark and peak resident set during each phase.
 *
 * <pre>java -cp bench/target/bench.jar io.parsevertx.bench.FilesBenchMain
 *     [--serverJar server/target/parse-server.jar] [--smallCount 200] [--largeMiB 1024]
 *     [--heap 512m]</pre>
 */
public final class FilesBenchMain {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      FilesBenchMain.class);
  private static final String APP = "bench";
  private static final String MASTER = "benchmk";
  private static final int BLOCK = 64 * 1024;

  private FilesBenchMain() {}

  record Row(String mode, String phase, long bytes, double seconds, long heapPeak,
      long residentPeak) {
    double megabytesPerSecond() {
      return bytes / 1e6 / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    String serverJar = "server/target/parse-server.jar";
    int smallCount = 200;
    long largeBytes = 1024L * 1024 * 1024;
    String heap = "512m";
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--serverJar" -> serverJar = args[i + 1];
        case "--smallCount" -> smallCount = Integer.parseInt(args[i + 1]);
        case "--largeMiB" -> largeBytes = Long.parseLong(args[i + 1]) * 1024 * 1024;
        case "--heap" -> heap = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (boolean encrypted : new boolean[] {false, true}) {
      rows.addAll(measure(serverJar, heap, encrypted, smallCount, largeBytes));
    }
    System.out.println();
    System.out.println("| mode | phase | MB/s | server heap peak MiB | server peak RSS MiB |");
    System.out.println("| --- | --- | --- | --- | --- |");
    for (Row row : rows) {
      System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %d | %d |%n", row.mode(), row.phase(),
          row.megabytesPerSecond(), row.heapPeak() >> 20, row.residentPeak() >> 20);
    }
  }

  private static List<Row> measure(String serverJar, String heap, boolean encrypted,
      int smallCount, long largeBytes) throws Exception {
    Path work = Files.createTempDirectory("files-bench");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-Xmx" + heap, "-jar",
        serverJar, "--appId", APP, "--masterKey", MASTER, "--port", String.valueOf(port),
        "--dataDir", work.resolve("data").toString(), "--maxUploadSize", "4gb",
        "--logLevel", "warn"));
    if (encrypted) {
      command.addAll(List.of("--encryptionKey", "a benchmark key"));
    }
    Process server = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("server.log").toFile()).start();
    String mode = encrypted ? "AES-256-GCM" : "plain";
    List<Row> rows = new ArrayList<>();
    try {
      waitForHealth(port);
      try (HeapPeaks peaks = HeapPeaks.attach(server.pid())) {
        int small = 1024 * 1024;
        List<String> names = new ArrayList<>();
        rows.add(phase(mode, "upload 1 MiB x" + smallCount + " (4 at a time)", peaks,
            (long) small * smallCount, () -> {
              for (Future<String> name : fourAtATime(smallCount, i -> upload(port, small, i))) {
                names.add(name.get());
              }
            }));
        rows.add(phase(mode, "download 1 MiB x" + smallCount + " (4 at a time)", peaks,
            (long) small * smallCount, () -> {
              for (Future<String> done : fourAtATime(smallCount, i -> {
                download(port, names.get(i));
                return "";
              })) {
                done.get();
              }
            }));
        String[] large = new String[1];
        rows.add(phase(mode, "upload 1 GiB", peaks, largeBytes,
            () -> large[0] = upload(port, largeBytes, -1)));
        rows.add(phase(mode, "download 1 GiB", peaks, largeBytes,
            () -> download(port, large[0])));
      }
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
      try (var paths = Files.walk(work)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return rows;
  }

  interface Work {
    void run() throws Exception;
  }

  interface Indexed {
    String call(int index) throws Exception;
  }

  private static Row phase(String mode, String phase, HeapPeaks peaks, long bytes, Work work)
      throws Exception {
    System.gc();
    peaks.reset();
    long start = System.nanoTime();
    work.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    Row row = new Row(mode, phase, bytes, seconds, peaks.heapPeak(), peaks.residentPeak());
    LOG.info("event=files_bench mode={} phase=\"{}\" mbps={} heap_peak_mib={}", mode, phase,
        String.format(Locale.ROOT, "%.1f", row.megabytesPerSecond()), row.heapPeak() >> 20);
    return row;
  }

  private static List<Future<String>> fourAtATime(int count, Indexed task) {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int index = i;
      results.add(pool.submit(() -> task.call(index)));
    }
    pool.shutdown();
    return results;
  }

  /** Uploads {@code size} generated bytes; returns the stored name. */
  private static String upload(int port, long size, int index) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /parse/files/bench" + index + ".bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "X-Parse-Application-Id: " + APP + "\r\nX-Parse-Master-Key: " + MASTER + "\r\n"
          + "Content-Type: application/octet-stream\r\nContent-Length: " + size
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] block = new byte[BLOCK];
      new SplittableRandom(index).nextBytes(block);
      for (long sent = 0; sent < size; sent += BLOCK) {
        out.write(block, 0, (int) Math.min(BLOCK, size - sent));
      }
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      if (!answer.startsWith("HTTP/1.1 201")) {
        throw new IOException("upload failed: " + answer);
      }
      int name = answer.indexOf("\"name\":\"") + 8;
      return answer.substring(name, answer.indexOf('"', name));
    }
  }

  private static void download(int port, String name) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(("GET /parse/files/" + APP + "/" + name + " HTTP/1.1\r\n"
          + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
      }
      if (total < 1024) {
        throw new IOException("download of " + name + " failed");
      }
    }
  }

  private static void waitForHealth(int port) throws Exception {
    for (int i = 0; i < 240; i++) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.getOutputStream().write(("GET /parse/health HTTP/1.1\r\nHost: x\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        if (new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
            .startsWith("HTTP/1.1 200")) {
          return;
        }
      } catch (IOException notYet) {
        Thread.sleep(250);
      }
    }
    throw new IllegalStateException("the server did not start");
  }
}
