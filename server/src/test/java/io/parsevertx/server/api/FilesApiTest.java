package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /files} through the gateway, streamed to files-service and its filesystem adapter:
 * uploads with the {@code fileUpload} rules and {@code maxUploadSize}, downloads with ETag,
 * {@code nosniff} and byte ranges, deletion with the master key.
 */
class FilesApiTest extends ApiTestBase {

  private static java.nio.file.Path dataDir;

  @BeforeAll
  static void filesInATemporaryDirectory() throws IOException {
    dataDir = Files.createTempDirectory("files-api");
    withConfig(Map.of("dataDir", dataDir.toString(), "maxUploadSize", "1mb"));
  }

  /**
   * Where the bytes are: on MongoDB in GridFS as Parse Server keeps them (and a file Parse
   * Server stored - no metadata - is served, typed by its name); on PostgreSQL in the
   * filesystem under {@code <dataDir>/files}.
   */
  @Test
  void storedWhereParseServerKeepsThem() throws IOException {
    JsonObject file = expect(upload("kept.txt", "text/plain", Buffer.buffer("kept"), asUser()),
        201);
    String name = file.getString("name");
    if (onPostgres()) {
      assertEquals("kept", Files.readString(dataDir.resolve("files").resolve(name)));
      return;
    }
    io.vertx.ext.mongo.MongoClient mongo = io.vertx.ext.mongo.MongoClient.create(suite.vertx(),
        new JsonObject().put("connection_string", suite.options().getString("databaseURI")));
    try {
      JsonObject stored = mongo.findOne("fs.files", new JsonObject().put("filename", name), null)
          .await();
      assertEquals(4L, stored.getLong("length"));
      assertEquals(1L, mongo.count("fs.chunks", new JsonObject().put("files_id",
          stored.getValue("_id"))).await());
      io.vertx.ext.mongo.MongoGridFsClient gridFs = mongo.createDefaultGridFsBucketService()
          .await();
      java.nio.file.Path made = Files.createTempFile("parse-made", ".txt");
      Files.writeString(made, "made by Parse Server");
      gridFs.uploadFileWithOptions(made.toString(), new io.vertx.ext.mongo.GridFsUploadOptions())
          .compose(id -> mongo.updateCollection("fs.files", new JsonObject().put("_id",
              new JsonObject().put("$oid", id)), new JsonObject().put("$set",
              new JsonObject().put("filename", "parsemade_notes.txt")))).await();
      HttpResponse<Buffer> served = client.getAbs(url("/files/" + APP_ID
          + "/parsemade_notes.txt")).send().await();
      assertEquals(200, served.statusCode());
      assertEquals("made by Parse Server", served.bodyAsString());
      assertEquals("text/plain", served.getHeader("Content-Type"));
    } finally {
      mongo.close();
    }
  }

  private static HttpResponse<Buffer> upload(String name, String contentType, Buffer body,
      Map<String, String> headers) {
    HttpRequest<Buffer> request = client.postAbs(url("/files/" + name));
    headers.forEach(request::putHeader);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return request.sendBuffer(body).await();
  }

  private static Map<String, String> asUser() {
    JsonObject user = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "uploader-" + System.nanoTime()).put("password", "pw")), 201);
    return Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN,
        user.getString("sessionToken"));
  }

  /** The path of a file URL below the mount, e.g. {@code /files/test-app/abc_a.txt}. */
  private static String pathOf(String fileUrl) {
    return fileUrl.substring(fileUrl.indexOf("/files/"));
  }

  private static HttpResponse<Buffer> download(String fileUrl, String range) {
    HttpRequest<Buffer> request = client.getAbs(url(pathOf(fileUrl)));
    if (range != null) {
      request.putHeader("Range", range);
    }
    return request.send().await();
  }

  @Test
  void uploadDownloadRangesAndDelete() {
    Buffer text = Buffer.buffer("hello, parse files");
    HttpResponse<Buffer> uploaded = upload("hello.txt", "text/plain", text, asUser());
    JsonObject file = expect(uploaded, 201);
    assertTrue(file.getString("name").endsWith("_hello.txt"), file.encode());
    assertEquals(PUBLIC_URL + "/files/" + APP_ID + "/" + file.getString("name"),
        file.getString("url"));
    assertEquals(file.getString("url"), uploaded.getHeader("Location"));

    HttpResponse<Buffer> whole = download(file.getString("url"), null);
    assertEquals(200, whole.statusCode());
    assertEquals(text, whole.body());
    assertEquals("text/plain", whole.getHeader("Content-Type"));
    assertEquals(String.valueOf(text.length()), whole.getHeader("Content-Length"));
    assertEquals("nosniff", whole.getHeader("X-Content-Type-Options"));
    String etag = whole.getHeader("ETag");
    assertTrue(etag != null && etag.startsWith("\""), String.valueOf(etag));
    assertEquals(304, client.getAbs(url(pathOf(file.getString("url"))))
        .putHeader("If-None-Match", etag).send().await().statusCode());

    HttpResponse<Buffer> part = download(file.getString("url"), "bytes=7-11");
    assertEquals(206, part.statusCode());
    assertEquals("parse", part.bodyAsString());
    assertEquals("bytes 7-11/" + text.length(), part.getHeader("Content-Range"));
    assertEquals("files", download(file.getString("url"), "bytes=-5").bodyAsString());
    assertEquals("files", download(file.getString("url"), "bytes=13-").bodyAsString());
    assertEquals(416, download(file.getString("url"), "bytes=99-").statusCode());

    String name = file.getString("name");
    expectError(request(HttpMethod.DELETE, "/files/" + name, asUser(), null), 400, 119);
    expect(request(HttpMethod.DELETE, "/files/" + name, Map.of(ParseHeaders.APPLICATION_ID,
        APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY), null), 200);
    assertEquals(404, download(file.getString("url"), null).statusCode());
  }

  /** A player seeking: ranges deep inside a file of several GridFS chunks (255 KiB each). */
  @Test
  void rangesSeekAcrossChunks() {
    byte[] bytes = new byte[1_000_000];
    new java.util.Random(11).nextBytes(bytes);
    JsonObject file = expect(upload("movie.mp4", "video/mp4", Buffer.buffer(bytes), asUser()),
        201);
    for (int[] range : new int[][] {{0, 9}, {300_000, 300_099}, {261_100, 522_300},
        {600_000, 799_999}, {999_990, 999_999}}) {
      HttpResponse<Buffer> part = download(file.getString("url"), "bytes=" + range[0] + "-"
          + range[1]);
      assertEquals(206, part.statusCode());
      org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(bytes,
          range[0], range[1] + 1), part.body().getBytes(), range[0] + "-" + range[1]);
    }
  }

  /** As the JS SDK saves a file: a text/plain JSON envelope with the keys and the bytes. */
  @Test
  void theJsSdksBase64Upload() {
    JsonObject user = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "sdk-uploader").put("password", "pw")), 201);
    JsonObject envelope = new JsonObject().put("base64", java.util.Base64.getEncoder()
            .encodeToString("from the sdk".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .put("_ContentType", "text/plain").put("fileData", new JsonObject()
            .put("metadata", new JsonObject()).put("tags", new JsonObject()))
        .put("_ApplicationId", APP_ID).put("_ClientVersion", "js8.6.0")
        .put("_SessionToken", user.getString("sessionToken"));
    JsonObject file = expect(upload("note.txt", "text/plain", envelope.toBuffer(), Map.of()),
        201);
    HttpResponse<Buffer> back = download(file.getString("url"), null);
    assertEquals("from the sdk", back.bodyAsString());
    assertEquals("text/plain", back.getHeader("Content-Type"));
    JsonObject dataUri = envelope.copy().put("base64", "data:image/png;base64,"
        + java.util.Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
    dataUri.remove("_ContentType");
    JsonObject png = expect(upload("dot.png", "text/plain", dataUri.toBuffer(), Map.of()), 201);
    assertEquals("image/png", download(png.getString("url"), null).getHeader("Content-Type"));
    assertEquals(403, upload("anon.txt", "text/plain", envelope.copy().put("_ApplicationId",
        "other").toBuffer(), Map.of()).statusCode());
    Buffer plain = Buffer.buffer("just text, not an envelope");
    JsonObject raw = expect(upload("plain.txt", "text/plain", plain, asUser()), 201);
    assertEquals(plain, download(raw.getString("url"), null).body());
  }

  @Test
  void fileUploadRulesAndNames() {
    Buffer body = Buffer.buffer("x");
    Map<String, String> app = Map.of(ParseHeaders.APPLICATION_ID, APP_ID);
    expectError(upload("a.txt", "text/plain", body, app), 400, 130);
    expect(upload("a.txt", "text/plain", body, Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.MASTER_KEY, MASTER_KEY)), 201);
    assertEquals(403, upload("a.txt", "text/plain", body, Map.of()).statusCode());
    Map<String, String> user = asUser();
    expectError(upload("page.html", "text/html", body, user), 400, 130);
    expectError(upload("page.XHTML", "application/xhtml+xml", body, user), 400, 130);
    expectError(upload("page", "text/html", body, user), 400, 130);
    expectError(upload("bad%24name.txt", "text/plain", body, user), 400, 122);
    expect(upload("photo.png", "image/png", body, user), 201);
    // enableForAnonymousUser is false by default: an anonymous user is refused, by name
    JsonObject anonymous = expect(request(HttpMethod.POST, "/users", new JsonObject().put(
        "authData", new JsonObject().put("anonymous", new JsonObject().put("id",
            java.util.UUID.randomUUID().toString())))), 201);
    HttpResponse<Buffer> refused = upload("anon.png", "image/png", body, Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN,
        anonymous.getString("sessionToken")));
    expectError(refused, 400, 130);
    assertEquals("File upload by anonymous user is disabled.",
        refused.bodyAsJsonObject().getString("error"));
  }

  @Test
  void uploadsOverMaxUploadSizeAreRefusedStreamedOrNot() throws IOException {
    Map<String, String> user = asUser();
    Buffer big = Buffer.buffer(new byte[2 * 1024 * 1024]);
    expectError(upload("big.bin", "application/octet-stream", big, user), 413, 130);
    Buffer fits = Buffer.buffer(new byte[900 * 1024]);
    JsonObject stored = expect(upload("fits.bin", "application/octet-stream", fits, user), 201);
    assertEquals(fits.length(), download(stored.getString("url"), null).body().length());

    // note: chunked, so no Content-Length warns the gateway: files-service counts the bytes
    // (a plain socket, as a browser or curl sends it, reading the answer after the upload)
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", suite.gatewayPort())) {
      java.io.OutputStream out = socket.getOutputStream();
      StringBuilder head = new StringBuilder("POST /parse/files/streamed.bin HTTP/1.1\r\n"
          + "Host: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
          + "Content-Type: application/octet-stream\r\n");
      user.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      out.write(head.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      byte[] chunk = new byte[64 * 1024];
      for (int i = 0; i < 32; i++) {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(
            java.nio.charset.StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
      out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.flush();
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(
          socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII)).readLine();
      assertTrue(status.contains(" 413 "), status);
    }
  }
}
