package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletionException;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.Constants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code /files} on the S3 adapter, against S3Proxy in-process: a real S3 HTTP server (signed
 * requests checked, multipart uploads, ranges) over an in-memory store, reached through the
 * adapter's {@code endpoint} option as MinIO or Spaces would be. The bucket is inspected with
 * the SDK from the side: keys under {@code bucketPrefix}, content type, Cache-Control.
 */
class S3FilesApiTest extends ApiTestBase {
  private static final String ACCESS_KEY = "test-access";
  private static final String SECRET_KEY = "test-secret-key";
  private static final String BUCKET = "parse-files";
  private static final String PREFIX = "app1/";
  private static final String CACHE_CONTROL = "public, max-age=86400";
  private static final int MIB = 1024 * 1024;

  private static S3Proxy s3proxy;
  private static String endpoint;
  private static S3AsyncClient bucket;

  @BeforeAll
  static void s3ProxyWithABucket() throws Exception {
    Properties credentials = new Properties();
    credentials.setProperty(Constants.PROPERTY_IDENTITY, ACCESS_KEY);
    credentials.setProperty(Constants.PROPERTY_CREDENTIAL, SECRET_KEY);
    s3proxy = S3Proxy.builder().blobStore(BlobStores.create("transient", credentials))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .endpoint(URI.create("http://127.0.0.1:0")).stopTimeout(0).build();
    s3proxy.start();
    while (!"STARTED".equals(s3proxy.getState())) {
      Thread.sleep(10);
    }
    endpoint = "http://127.0.0.1:" + s3proxy.getPort();
    bucket = S3AsyncClient.builder().region(Region.US_EAST_1)
        .endpointOverride(URI.create(endpoint)).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            ACCESS_KEY, SECRET_KEY))).build();
    bucket.createBucket(b -> b.bucket(BUCKET)).join();
    withConfig(config(new JsonObject()));
  }

  /** After the tests and before the suite stops (JUnit runs a subclass's first). */
  @AfterAll
  static void stopS3Proxy() throws Exception {
    if (bucket != null) {
      bucket.close();
    }
    if (s3proxy != null) {
      s3proxy.stop();
    }
  }

  /** The suite's options: the S3 adapter on S3Proxy, plus {@code extra} adapter options. */
  private static Map<String, String> config(JsonObject extra) {
    JsonObject options = new JsonObject().put("bucket", BUCKET).put("bucketPrefix", PREFIX)
        .put("region", "us-east-1").put("endpoint", endpoint).put("accessKey", ACCESS_KEY)
        .put("secretKey", SECRET_KEY).put("globalCacheControl", CACHE_CONTROL);
    options.mergeIn(extra);
    Map<String, String> flags = new HashMap<>();
    flags.put("maxUploadSize", "20mb");
    flags.put("filesAdapter", new JsonObject().put("module", "@parse/s3-files-adapter")
        .put("options", options).encode());
    return flags;
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
        .put("username", "s3-uploader-" + System.nanoTime()).put("password", "pw")), 201);
    return Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN,
        user.getString("sessionToken"));
  }

  private static Map<String, String> master() {
    return Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY);
  }

  /** A file's download through the server, whatever its URL says. */
  private static HttpResponse<Buffer> download(String name, String range) {
    HttpRequest<Buffer> request = client.getAbs(url("/files/" + APP_ID + "/" + name));
    if (range != null) {
      request.putHeader("Range", range);
    }
    return request.send().await();
  }

  private static HeadObjectResponse head(String key) {
    return bucket.headObject(b -> b.bucket(BUCKET).key(key)).join();
  }

  private static List<String> keys() {
    return bucket.listObjectsV2(b -> b.bucket(BUCKET)).join().contents().stream()
        .map(S3Object::key).toList();
  }

  private static Buffer pattern(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31 + i / 4099);
    }
    return Buffer.buffer(bytes);
  }

  @Test
  void uploadDownloadRangesAndDelete() {
    Buffer text = Buffer.buffer("hello, parse files on s3");
    HttpResponse<Buffer> uploaded = upload("hello.txt", "text/plain", text, asUser());
    JsonObject file = expect(uploaded, 201);
    String name = file.getString("name");
    assertTrue(name.endsWith("_hello.txt"), file.encode());
    assertEquals(PUBLIC_URL + "/files/" + APP_ID + "/" + name, file.getString("url"));

    HttpResponse<Buffer> whole = download(name, null);
    assertEquals(200, whole.statusCode());
    assertEquals(text, whole.body());
    assertEquals("text/plain", whole.getHeader("Content-Type"));
    assertEquals(String.valueOf(text.length()), whole.getHeader("Content-Length"));
    String etag = whole.getHeader("ETag");
    assertTrue(etag != null && etag.startsWith("\""), String.valueOf(etag));
    assertEquals(head(PREFIX + name).eTag(), etag);
    assertEquals(304, client.getAbs(url("/files/" + APP_ID + "/" + name))
        .putHeader("If-None-Match", etag).send().await().statusCode());

    HttpResponse<Buffer> part = download(name, "bytes=7-11");
    assertEquals(206, part.statusCode());
    assertEquals("parse", part.bodyAsString());
    assertEquals("bytes 7-11/" + text.length(), part.getHeader("Content-Range"));
    assertEquals("5", part.getHeader("Content-Length"));
    assertEquals("on s3", download(name, "bytes=-5").bodyAsString());
    assertEquals("files on s3", download(name, "bytes=13-").bodyAsString());
    HttpResponse<Buffer> beyond = download(name, "bytes=99-");
    assertEquals(416, beyond.statusCode());
    assertEquals("bytes */" + text.length(), beyond.getHeader("Content-Range"));

    expectError(request(HttpMethod.DELETE, "/files/" + name, asUser(), null), 400, 119);
    assertTrue(keys().contains(PREFIX + name));
    expect(request(HttpMethod.DELETE, "/files/" + name, master(), null), 200);
    assertEquals(404, download(name, null).statusCode());
    assertFalse(keys().contains(PREFIX + name));
    CompletionException gone = assertThrows(CompletionException.class,
        () -> head(PREFIX + name));
    assertTrue(gone.getCause() instanceof NoSuchKeyException
        || gone.getCause().getMessage().contains("404"), gone.toString());
    expectError(request(HttpMethod.DELETE, "/files/" + name, master(), null), 400, 153);
  }

  /** The object as Parse Server's S3 adapter leaves it: prefixed key, type, Cache-Control. */
  @Test
  void storedUnderThePrefixWithTypeAndCacheControl() {
    JsonObject file = expect(upload("photo.png", "image/png", pattern(1000), asUser()), 201);
    String key = PREFIX + file.getString("name");
    assertTrue(keys().contains(key), keys().toString());
    HeadObjectResponse stored = head(key);
    assertEquals("image/png", stored.contentType());
    assertEquals(CACHE_CONTROL, stored.cacheControl());
    assertEquals(1000L, stored.contentLength());
    byte[] bytes = bucket.getObject(b -> b.bucket(BUCKET).key(key),
        AsyncResponseTransformer.toBytes()).join().asByteArray();
    assertEquals(pattern(1000), Buffer.buffer(bytes));
  }

  /** As the JS SDK saves a file: a text/plain JSON envelope with the keys and the bytes. */
  @Test
  void theJsSdksBase64Upload() {
    JsonObject user = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "s3-sdk-uploader").put("password", "pw")), 201);
    JsonObject envelope = new JsonObject().put("base64", java.util.Base64.getEncoder()
            .encodeToString("from the sdk".getBytes(StandardCharsets.UTF_8)))
        .put("_ContentType", "text/plain").put("fileData", new JsonObject()
            .put("metadata", new JsonObject()).put("tags", new JsonObject()))
        .put("_ApplicationId", APP_ID).put("_ClientVersion", "js8.6.0")
        .put("_SessionToken", user.getString("sessionToken"));
    JsonObject file = expect(upload("note.txt", "text/plain", envelope.toBuffer(), Map.of()),
        201);
    HttpResponse<Buffer> back = download(file.getString("name"), null);
    assertEquals("from the sdk", back.bodyAsString());
    assertEquals("text/plain", back.getHeader("Content-Type"));
    assertEquals("text/plain", head(PREFIX + file.getString("name")).contentType());
    JsonObject dataUri = envelope.copy().put("base64", "data:image/png;base64,"
        + java.util.Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
    dataUri.remove("_ContentType");
    JsonObject png = expect(upload("dot.png", "text/plain", dataUri.toBuffer(), Map.of()), 201);
    HttpResponse<Buffer> dot = download(png.getString("name"), null);
    assertEquals("image/png", dot.getHeader("Content-Type"));
    assertEquals(Buffer.buffer(new byte[] {1, 2, 3}), dot.body());
  }

  /**
   * Larger than a part: a multipart upload of three parts, read back whole and by a player's
   * series of seeks, across the part boundaries and at the end.
   */
  @Test
  void aLargeFileGoesInPartsAndIsReadBackByRanges() throws IOException {
    int length = 17 * MIB + 12345;
    Buffer big = pattern(length);
    JsonObject file = expect(upload("movie.mp4", "video/mp4", big, asUser()), 201);
    String name = file.getString("name");
    HeadObjectResponse stored = head(PREFIX + name);
    assertEquals((long) length, stored.contentLength());
    assertTrue(stored.eTag().contains("-"), "a multipart ETag: " + stored.eTag());

    HttpResponse<Buffer> whole = download(name, null);
    assertEquals(200, whole.statusCode());
    assertEquals(String.valueOf(length), whole.getHeader("Content-Length"));
    assertEquals(big, whole.body());

    long[][] seeks = {{0, 1023}, {8 * MIB - 100, 8 * MIB + 100}, {16 * MIB - 1, 16 * MIB + 1},
        {12_345_678, 12_345_678}, {length - 4096, length - 1}, {3 * MIB, 11 * MIB}};
    for (long[] seek : seeks) {
      HttpResponse<Buffer> part = download(name, "bytes=" + seek[0] + "-" + seek[1]);
      assertEquals(206, part.statusCode(), () -> "bytes " + seek[0] + "-" + seek[1]);
      assertEquals("bytes " + seek[0] + "-" + seek[1] + "/" + length,
          part.getHeader("Content-Range"));
      assertEquals(big.getBuffer((int) seek[0], (int) seek[1] + 1), part.body());
    }
    assertEquals(big.getBuffer(length - 777, length), download(name, "bytes=-777").body());
    assertEquals(big.getBuffer(length - 10, length),
        download(name, "bytes=" + (length - 10) + "-").body());
    // note: one range at a time, as files-service serves them; two in one header are refused
    assertEquals(416, download(name, "bytes=0-1,4-5").statusCode());
    assertEquals(416, download(name, "bytes=" + length + "-").statusCode());

    // note: more abandoned downloads than the SDK's pool has connections (50): each must give
    // its S3 connection back, or the last download would wait for one and time out
    for (int i = 0; i < 60; i++) {
      abandonedDownload(name);
    }
    assertEquals(big.getBuffer(MIB, MIB + 10), download(name, "bytes=" + MIB + "-"
        + (MIB + 9)).body());
  }

  /** A client that reads the start of a download and goes away. */
  private static void abandonedDownload(String name) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", suite.gatewayPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(("GET /parse/files/" + APP_ID + "/" + name
          + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      byte[] some = new byte[64 * 1024];
      int read = 0;
      while (read < some.length) {
        int n = in.read(some, read, some.length - read);
        if (n < 0) {
          break;
        }
        read += n;
      }
      assertTrue(new String(some, 0, 16, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
    }
  }

  @Test
  void uploadsOverMaxUploadSizeLeaveNothingInTheBucket() throws IOException {
    Map<String, String> user = asUser();
    List<String> before = keys();
    expectError(upload("big.bin", "application/octet-stream", Buffer.buffer(new byte[21 * MIB]),
        user), 413, 130);

    // note: chunked, so files-service counts: two parts are in the bucket when it stops
    String answer = chunkedUpload("streamed.bin", 22 * MIB, user);
    assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
    assertTrue(answer.contains("\"code\":130"), answer);
    assertEquals(before, keys());
    assertEquals(List.of(), bucket.listMultipartUploads(b -> b.bucket(BUCKET)).join()
        .uploads());

    // and a chunked body within the limit is stored whole
    String fits = chunkedUpload("chunked.bin", 9 * MIB, user);
    assertTrue(fits.startsWith("HTTP/1.1 201 "), fits);
    String name = new JsonObject(fits.substring(fits.indexOf("\r\n\r\n") + 4))
        .getString("name");
    assertEquals((long) 9 * MIB, head(PREFIX + name).contentLength());
    assertEquals(pattern(9 * MIB), download(name, null).body());
  }

  /**
   * A chunked upload on a plain socket (the Vert.x client hangs on an answer that comes before
   * the body is sent); returns the whole answer.
   */
  private static String chunkedUpload(String name, int length, Map<String, String> headers)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", suite.gatewayPort())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder head = new StringBuilder("POST /parse/files/" + name + " HTTP/1.1\r\n"
          + "Host: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n"
          + "Content-Type: application/octet-stream\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
      byte[] body = pattern(length).getBytes();
      try {
        for (int offset = 0; offset < length; offset += 64 * 1024) {
          int size = Math.min(64 * 1024, length - offset);
          out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(body, offset, size);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException refusedMidway) {
        // note: the server may answer and close before the whole body is sent
      }
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * {@code directAccess}: URLs point at the object, in the upload's answer and in objects read
   * back, at the endpoint's bucket or behind {@code baseUrl}; the server still serves the file.
   */
  @Test
  void directAccessUrlsPointAtTheBucket() {
    try {
      withConfig(config(new JsonObject().put("directAccess", true)));
      JsonObject file = expect(upload("direct%20file.txt", "text/plain", Buffer.buffer("direct"),
          asUser()), 201);
      String name = file.getString("name");
      String direct = endpoint + "/" + BUCKET + "/" + PREFIX + name.replace(" ", "%20");
      assertEquals(direct, file.getString("url"));
      assertEquals("direct", download(name.replace(" ", "%20"), null).bodyAsString());
      JsonObject saved = create("Attachment", new JsonObject().put("file", new JsonObject()
          .put("__type", "File").put("name", name)));
      JsonObject read = expect(request(HttpMethod.GET, "/classes/Attachment/"
          + saved.getString("objectId"), null), 200);
      assertEquals(direct, read.getJsonObject("file").getString("url"));

      withConfig(config(new JsonObject().put("directAccess", true)
          .put("baseUrl", "https://media.example.com/assets/")));
      JsonObject viaCdn = expect(upload("cdn.txt", "text/plain", Buffer.buffer("cdn"),
          asUser()), 201);
      assertEquals("https://media.example.com/assets/" + PREFIX + viaCdn.getString("name"),
          viaCdn.getString("url"));

      withConfig(config(new JsonObject().put("directAccess", true)
          .put("baseUrl", "https://media.example.com/app1").put("baseUrlDirect", true)));
      JsonObject direct2 = expect(upload("cdn2.txt", "text/plain", Buffer.buffer("cdn"),
          asUser()), 201);
      assertEquals("https://media.example.com/app1/" + direct2.getString("name"),
          direct2.getString("url"));
      assertNotNull(head(PREFIX + direct2.getString("name")));
    } finally {
      withConfig(config(new JsonObject()));
    }
  }
}
