package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gateway options: client keys, body size limit, CORS origin and mount path. */
class ConfiguredGatewayApiTest extends ApiTestBase {

  @BeforeAll
  static void configure() {
    withConfig(Map.of("clientKey", "ck", "javascriptKey", "jsk", "maxUploadSize", "1kb",
        "allowOrigin", "https://only.example.com", "requestComplexity",
        "{\"batchRequestLimit\":2,\"includeCount\":1,\"queryDepth\":1,\"subqueryDepth\":1}"));
  }

  private static final Map<String, String> CLIENT = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.CLIENT_KEY, "ck");

  @Test
  void requestComplexityLimitsHold() {
    JsonObject op = new JsonObject().put("method", "GET").put("path", "/parse/classes/K");
    expectError(request(HttpMethod.POST, "/batch", CLIENT, new JsonObject().put("requests",
        new io.vertx.core.json.JsonArray().add(op).add(op).add(op))), 400, 107);
    assertEquals(200, request(HttpMethod.POST, "/batch", CLIENT, new JsonObject().put("requests",
        new io.vertx.core.json.JsonArray().add(op).add(op))).statusCode());
    expectError(request(HttpMethod.GET, "/classes/K?include=a,b", CLIENT, null), 400, 102);
    expectError(request(HttpMethod.GET, "/classes/K?where=" + java.net.URLEncoder.encode(
        "{\"$or\":[{\"$or\":[{\"$or\":[{\"a\":1}]}]}]}", java.nio.charset.StandardCharsets.UTF_8),
        CLIENT, null), 400, 102);
    String nested = "{\"a\":{\"$inQuery\":{\"className\":\"B\",\"where\":{\"b\":"
        + "{\"$inQuery\":{\"className\":\"C\",\"where\":{}}}}}}}";
    expectError(request(HttpMethod.GET, "/classes/K?where=" + java.net.URLEncoder.encode(nested,
        java.nio.charset.StandardCharsets.UTF_8), CLIENT, null), 400, 102);
  }

  @Test
  void clientKeysAreEnforcedWhenConfigured() {
    assertEquals(403, request(HttpMethod.GET, "/classes/K", null).statusCode());
    assertEquals(403, request(HttpMethod.GET, "/classes/K", Map.of(ParseHeaders.APPLICATION_ID,
        APP_ID, ParseHeaders.CLIENT_KEY, "wrong"), null).statusCode());
    expect(request(HttpMethod.GET, "/classes/K", Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.CLIENT_KEY, "ck"), null), 200);
    expect(request(HttpMethod.GET, "/classes/K", Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.JAVASCRIPT_KEY, "jsk"), null), 200);
    expect(request(HttpMethod.POST, "/classes/K", Map.of("Content-Type", "text/plain"),
        new JsonObject().put("_ApplicationId", APP_ID).put("_JavaScriptKey", "jsk")
            .put("_method", "GET")), 200);
    expect(request(HttpMethod.GET, "/classes/K", Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.MASTER_KEY, MASTER_KEY), null), 200);
  }

  @Test
  void aWrongMasterKeyGrantsNothing() {
    assertEquals(403, request(HttpMethod.GET, "/classes/K", Map.of(ParseHeaders.APPLICATION_ID,
        APP_ID, ParseHeaders.MASTER_KEY, "guess"), null).statusCode());
  }

  @Test
  void bodiesOverMaxUploadSizeAreRefused() {
    var response = request(HttpMethod.POST, "/classes/K", Map.of(ParseHeaders.APPLICATION_ID,
        APP_ID, ParseHeaders.CLIENT_KEY, "ck"), new JsonObject().put("big", "x".repeat(2048)));
    assertEquals(413, response.statusCode());
    assertEquals("request entity too large", response.bodyAsJsonObject().getString("error"));
  }

  @Test
  void corsOriginFollowsAllowOrigin() {
    var response = request(HttpMethod.OPTIONS, "/classes/K", Map.of(
        "Origin", "https://only.example.com", "Access-Control-Request-Method", "GET"), null);
    assertEquals("https://only.example.com", response.getHeader("Access-Control-Allow-Origin"));
    var other = request(HttpMethod.OPTIONS, "/classes/K", Map.of(
        "Origin", "https://evil.example.com", "Access-Control-Request-Method", "GET"), null);
    assertEquals(null, other.getHeader("Access-Control-Allow-Origin"));
    assertEquals(403, other.statusCode());
  }
}
