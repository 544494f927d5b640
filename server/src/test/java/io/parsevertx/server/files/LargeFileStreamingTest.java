package io.parsevertx.server.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.files.encryption.FileCipher;
import io.parsevertx.server.ServerProcess;
import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB file through the whole server, encrypted at rest, in a JVM whose heap is capped far
 * below the file's size (128 MiB heap, 64 MiB direct memory): streamed up through the gateway
 * and files-service, read back by a range deep inside it and whole, byte for byte. Holding the
 * file, or a large part of it, anywhere on the way would end that JVM with an
 * OutOfMemoryError. Runs on the filesystem adapter (the embedded store's): mongo-java-server
 * keeps GridFS in memory, so a 1 GiB GridFS file would only measure that.
 */
class LargeFileStreamingTest {
  private static final long SIZE = 1L << 30;
  private static final int BLOCK = 64 * 1024;
  private static final String APP = "big";
  private static final String MASTER = "bigmasterkey";
  @TempDir
  Path workDir;
  private String lastUploadName;

  @Test
  void aGigabyteStreamsThroughInBoundedMemory() throws Exception {
    int port = ServerProcess.freePort();
    Path dataDir = workDir.resolve("data");
    try (ServerProcess server = ServerProcess.start(workDir, Map.of(),
        List.of("-Xmx128m", "-XX:MaxDirectMemorySize=64m"), "--appId", APP, "--masterKey",
        MASTER, "--port", String.valueOf(port), "--dataDir", dataDir.toString(),
        "--maxUploadSize", "2gb", "--encryptionKey", "a key for large files",
        "--logLevel", "warn")) {
      waitForHealth(port, server);

      byte[] sent = upload(port);
      String name = lastUploadName;
      assertEquals(FileCipher.HEADER + SIZE + FileCipher.TAG * (SIZE / FileCipher.DEFAULT_CHUNK),
          Files.size(dataDir.resolve("files").resolve(name)), "stored sealed");

      long from = 900_000_003L;
      int length = 3 * 1024 * 1024 + 7;
      byte[] range = get(port, name, "bytes=" + from + "-" + (from + length - 1), 206, null);
      assertArrayEquals(expected(from, length), range);

      MessageDigest whole = sha256();
      get(port, name, null, 200, whole);
      assertArrayEquals(sent, whole.digest(), "the whole gigabyte back");
      assertTrue(server.isAlive(), server.output());
    }
  }

  /** Sends 1 GiB generated on the fly; returns its SHA-256. */
  private byte[] upload(int port) throws IOException {
    MessageDigest digest = sha256();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /parse/files/movie.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "X-Parse-Application-Id: " + APP + "\r\nX-Parse-Master-Key: " + MASTER + "\r\n"
          + "Content-Type: application/octet-stream\r\nContent-Length: " + SIZE
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] block = new byte[BLOCK];
      for (long offset = 0; offset < SIZE; offset += BLOCK) {
        fill(block, offset / BLOCK);
        digest.update(block);
        out.write(block);
      }
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
      lastUploadName = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4))
          .getString("name");
    }
    return digest.digest();
  }

  /** A GET's body: kept (a range) or only hashed (the whole file). */
  private static byte[] get(int port, String name, String range, int status,
      MessageDigest hashOnly) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.getOutputStream().write(("GET /parse/files/" + APP + "/" + name + " HTTP/1.1\r\n"
          + "Host: 127.0.0.1\r\n" + (range == null ? "" : "Range: " + range + "\r\n")
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      String head = readHead(in);
      assertTrue(head.startsWith("HTTP/1.1 " + status), head);
      long length = Long.parseLong(head.lines().filter(l -> l.toLowerCase().startsWith(
          "content-length:")).findFirst().orElseThrow().substring(15).trim());
      ByteArrayOutputStream kept = new ByteArrayOutputStream();
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (hashOnly != null) {
          hashOnly.update(buffer, 0, n);
        } else {
          kept.write(buffer, 0, n);
        }
      }
      assertEquals(length, total, "body as long as announced");
      return kept.toByteArray();
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      head.append((char) c);
    }
    return head.toString();
  }

  /** The generated bytes of {@code [from, from + length)}. */
  private static byte[] expected(long from, int length) {
    byte[] out = new byte[length];
    byte[] block = new byte[BLOCK];
    long at = from;
    int written = 0;
    while (written < length) {
      fill(block, at / BLOCK);
      int inBlock = (int) (at % BLOCK);
      int n = Math.min(BLOCK - inBlock, length - written);
      System.arraycopy(block, inBlock, out, written, n);
      written += n;
      at += n;
    }
    return out;
  }

  private static void fill(byte[] block, long index) {
    new SplittableRandom(index * 0x9E3779B97F4A7C15L).nextBytes(block);
  }

  private static void waitForHealth(int port, ServerProcess server) throws Exception {
    for (int i = 0; i < 240; i++) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.getOutputStream().write(("GET /parse/health HTTP/1.1\r\nHost: x\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String answer = new String(socket.getInputStream().readAllBytes(),
            StandardCharsets.US_ASCII);
        if (answer.startsWith("HTTP/1.1 200")) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      assertTrue(server.isAlive(), server.output());
      Thread.sleep(250);
    }
    throw new AssertionError("no health: " + server.output());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
