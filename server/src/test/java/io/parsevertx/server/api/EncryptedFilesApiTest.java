package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.files.encryption.FileCipher;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code encryptionKey}: files sealed at rest with AES-256-GCM in GridFS (the MongoDB run) and
 * in the filesystem (the PostgreSQL run), served in plaintext with their length, ETag and
 * ranges; a changed stored file ends the download without one changed byte served.
 */
class EncryptedFilesApiTest extends ApiTestBase {
  private static final int SIZE = 100_000;
  private static Path dataDir;

  @BeforeAll
  static void encrypted() throws IOException {
    dataDir = Files.createTempDirectory("files-encrypted");
    withConfig(Map.of("dataDir", dataDir.toString(), "encryptionKey", "files-at-rest-key",
        "maxUploadSize", "1mb"));
  }

  private static Map<String, String> master() {
    return Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY);
  }

  private static JsonObject upload(String name, byte[] bytes) {
    var request = client.postAbs(url("/files/" + name)).putHeader("Content-Type",
        "application/octet-stream");
    master().forEach(request::putHeader);
    return expect(request.sendBuffer(Buffer.buffer(bytes)).await(), 201);
  }

  private static HttpResponse<Buffer> download(String fileUrl, String range) {
    var request = client.getAbs(url(fileUrl.substring(fileUrl.indexOf("/files/"))));
    if (range != null) {
      request.putHeader("Range", range);
    }
    return request.send().await();
  }

  @Test
  void sealedAtRestServedInPlaintext() {
    byte[] bytes = new byte[SIZE];
    new Random(3).nextBytes(bytes);
    JsonObject file = upload("secret.bin", bytes);
    byte[] stored = stored(file.getString("name"));
    assertEquals(FileCipher.HEADER + SIZE + 2 * FileCipher.TAG, stored.length);
    assertFalse(contains(stored, Arrays.copyOfRange(bytes, 1000, 1032)), "no plaintext at rest");

    HttpResponse<Buffer> whole = download(file.getString("url"), null);
    assertEquals(200, whole.statusCode());
    assertEquals(String.valueOf(SIZE), whole.getHeader("Content-Length"));
    assertArrayEquals(bytes, whole.body().getBytes());
    assertEquals(304, client.getAbs(url("/files/" + APP_ID + "/" + file.getString("name")))
        .putHeader("If-None-Match", whole.getHeader("ETag")).send().await().statusCode());
    // ranges inside one chunk, across the chunk boundary, and the tail
    for (String[] range : new String[][] {{"10", "20"}, {"65530", "65545"}, {"99990", "99999"}}) {
      int from = Integer.parseInt(range[0]);
      int to = Integer.parseInt(range[1]);
      HttpResponse<Buffer> part = download(file.getString("url"), "bytes=" + from + "-" + to);
      assertEquals(206, part.statusCode());
      assertEquals("bytes " + from + "-" + to + "/" + SIZE, part.getHeader("Content-Range"));
      assertArrayEquals(Arrays.copyOfRange(bytes, from, to + 1), part.body().getBytes());
    }
    assertEquals(416, download(file.getString("url"), "bytes=" + SIZE + "-").statusCode());
    // the upload limit counts plaintext bytes
    expectError(client.postAbs(url("/files/big.bin")).putHeader(ParseHeaders.APPLICATION_ID,
        APP_ID).putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY)
        .sendBuffer(Buffer.buffer(new byte[1024 * 1024 + 1])).await(), 413, 130);
    expect(client.postAbs(url("/files/limit.bin")).putHeader(ParseHeaders.APPLICATION_ID,
        APP_ID).putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY)
        .sendBuffer(Buffer.buffer(new byte[1024 * 1024])).await(), 201);
  }

  @Test
  void aChangedFileIsNotServed() throws IOException {
    byte[] bytes = new byte[SIZE];
    new Random(4).nextBytes(bytes);
    JsonObject file = upload("tampered.bin", bytes);
    // one bit flipped in the second sealed chunk
    change(file.getString("name"), FileCipher.HEADER + FileCipher.DEFAULT_CHUNK
        + FileCipher.TAG + 10);
    // note: GridFS hands over both sealed chunks at once, so the failure comes before any
    // byte (an error answer); the filesystem reads in small pieces, so the intact first chunk
    // goes out and the connection is then cut. Either way no byte of the changed chunk.
    Answer answer = rawDownload("/parse/files/" + APP_ID + "/" + file.getString("name"));
    if (answer.status() == 200) {
      assertTrue(answer.body().length < SIZE, "cut short: " + answer.body().length);
      assertTrue(answer.body().length <= FileCipher.DEFAULT_CHUNK, "nothing of the changed chunk");
      assertArrayEquals(Arrays.copyOfRange(bytes, 0, answer.body().length), answer.body());
    } else {
      assertEquals(500, answer.status());
      assertEquals(1, new JsonObject(new String(answer.body(), StandardCharsets.UTF_8))
          .getInteger("code"));
    }
    // the first chunk still serves on its own
    assertArrayEquals(Arrays.copyOfRange(bytes, 0, 100), download(file.getString("url"),
        "bytes=0-99").body().getBytes());
  }

  private record Answer(int status, byte[] body) {}

  /** A GET's status and body bytes, read with a plain socket until the server closes it. */
  private static Answer rawDownload(String path) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try (Socket socket = new Socket("127.0.0.1", suite.gatewayPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0; ) {
          received.write(buffer, 0, n);
        }
      } catch (java.net.SocketException reset) {
        // note: the server resets the connection; what arrived before counts
      }
    }
    byte[] all = received.toByteArray();
    String text = new String(all, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    return new Answer(Integer.parseInt(text.substring(9, 12)),
        Arrays.copyOfRange(all, end + 4, all.length));
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }

  /** The stored bytes: the file in the filesystem, or its GridFS chunks. */
  private static byte[] stored(String name) {
    if (onPostgres()) {
      try {
        return Files.readAllBytes(dataDir.resolve("files").resolve(name));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    MongoClient mongo = mongo();
    try {
      JsonObject doc = mongo.findOne("fs.files", new JsonObject().put("filename", name), null)
          .await();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      mongo.findWithOptions("fs.chunks", new JsonObject().put("files_id", doc.getValue("_id")),
              new io.vertx.ext.mongo.FindOptions().setSort(new JsonObject().put("n", 1)))
          .await().forEach(chunk -> bytes.writeBytes(binary(chunk.getValue("data"))));
      return bytes.toByteArray();
    } finally {
      mongo.close();
    }
  }

  private static void change(String name, int offset) throws IOException {
    if (onPostgres()) {
      Path path = dataDir.resolve("files").resolve(name);
      byte[] bytes = Files.readAllBytes(path);
      bytes[offset] ^= 1;
      Files.write(path, bytes);
      return;
    }
    MongoClient mongo = mongo();
    try {
      JsonObject doc = mongo.findOne("fs.files", new JsonObject().put("filename", name), null)
          .await();
      JsonObject chunk = mongo.findOne("fs.chunks", new JsonObject().put("files_id",
          doc.getValue("_id")).put("n", 0), null).await();
      byte[] data = binary(chunk.getValue("data"));
      data[offset] ^= 1;
      mongo.updateCollection("fs.chunks", new JsonObject().put("_id", chunk.getValue("_id")),
          new JsonObject().put("$set", new JsonObject().put("data", new JsonObject()
              .put("$binary", Base64.getUrlEncoder().withoutPadding().encodeToString(data))))).await();
    } finally {
      mongo.close();
    }
  }

  private static byte[] binary(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    Object encoded = ((JsonObject) value).getValue("$binary");
    String base64 = encoded instanceof JsonObject nested ? nested.getString("base64")
        : (String) encoded;
    try {
      return Base64.getUrlDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(String.valueOf(value).substring(0, 200), e);
    }
  }

  private static MongoClient mongo() {
    return MongoClient.create(suite.vertx(), new JsonObject().put("connection_string",
        suite.options().getString("databaseURI")));
  }
}
