package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gateway's own rules: keys, the JS SDK's text/plain envelope, CORS, health, errors. */
class GatewayApiTest extends ApiTestBase {

  static Stream<Arguments> badAppIds() {
    return Stream.of(
        Arguments.of("missing", Map.of()),
        Arguments.of("wrong", Map.of(ParseHeaders.APPLICATION_ID, "other-app")),
        Arguments.of("master key without app id", Map.of(ParseHeaders.MASTER_KEY, MASTER_KEY)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badAppIds")
  void appIdIsRequired(String name, Map<String, String> headers) {
    var response = request(HttpMethod.GET, "/classes/Anything", headers, null);
    assertEquals(403, response.statusCode());
    assertEquals(new JsonObject().put("error", "unauthorized"), response.bodyAsJsonObject());
  }

  @Test
  void jsSdkTextPlainEnvelope() {
    String created = expect(request(HttpMethod.POST, "/classes/Sdk",
        Map.of("Content-Type", "text/plain"), new JsonObject().put("_ApplicationId", APP_ID)
            .put("_ClientVersion", "js8.6.0").put("_InstallationId", "inst-1")
            .put("name", "from sdk")), 201).getString("objectId");

    JsonObject found = expect(request(HttpMethod.POST, "/classes/Sdk",
        Map.of("Content-Type", "text/plain"), new JsonObject().put("_ApplicationId", APP_ID)
            .put("_method", "GET").put("where", new JsonObject().put("name", "from sdk"))
            .put("limit", 10).put("count", 1)), 200);
    assertEquals(1, found.getInteger("count"));
    JsonObject object = found.getJsonArray("results").getJsonObject(0);
    assertEquals(created, object.getString("objectId"));
    assertTrue(object.fieldNames().stream().noneMatch(k -> k.startsWith("_")), object::encode);

    expect(request(HttpMethod.POST, "/classes/Sdk/" + created, Map.of("Content-Type",
        "text/plain"), new JsonObject().put("_ApplicationId", APP_ID).put("_method", "PUT")
        .put("name", "renamed")), 200);
    assertEquals("renamed", expect(request(HttpMethod.GET, "/classes/Sdk/" + created, null), 200)
        .getString("name"));
    expect(request(HttpMethod.POST, "/classes/Sdk/" + created, Map.of("Content-Type",
        "text/plain"), new JsonObject().put("_ApplicationId", APP_ID).put("_method", "DELETE")),
        200);
    expectError(request(HttpMethod.GET, "/classes/Sdk/" + created, null), 404, 101);
  }

  @Test
  void textPlainWithWrongAppIdIsRefused() {
    var response = request(HttpMethod.POST, "/classes/Sdk", Map.of("Content-Type", "text/plain"),
        new JsonObject().put("_ApplicationId", "nope").put("_method", "GET"));
    assertEquals(403, response.statusCode());
  }

  @Test
  void corsPreflightAndHeaders() {
    var preflight = request(HttpMethod.OPTIONS, "/classes/GameScore", Map.of(
        "Origin", "https://app.example.com", "Access-Control-Request-Method", "POST",
        "Access-Control-Request-Headers", "X-Parse-Application-Id, Content-Type"), null);
    assertTrue(preflight.statusCode() == 200 || preflight.statusCode() == 204);
    assertEquals("*", preflight.getHeader("Access-Control-Allow-Origin"));
    assertTrue(preflight.getHeader("Access-Control-Allow-Headers")
        .contains(ParseHeaders.APPLICATION_ID));
    assertTrue(preflight.getHeader("Access-Control-Allow-Methods").contains("DELETE"));

    var simple = request(HttpMethod.GET, "/classes/GameScore",
        Map.of(ParseHeaders.APPLICATION_ID, APP_ID, "Origin", "https://app.example.com"), null);
    assertEquals("*", simple.getHeader("Access-Control-Allow-Origin"));
  }

  @Test
  void healthAnswersWithoutKeys() {
    assertEquals(new JsonObject().put("status", "ok"),
        expect(request(HttpMethod.GET, "/health", Map.of(), null), 200));
  }

  @Test
  void everyResponseCarriesARequestId() {
    var response = request(HttpMethod.GET, "/classes/Nothing", null);
    assertNotNull(response.getHeader(ParseHeaders.REQUEST_ID));
    var echoed = request(HttpMethod.GET, "/classes/Nothing",
        Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.REQUEST_ID, "trace-123"), null);
    assertEquals("trace-123", echoed.getHeader(ParseHeaders.REQUEST_ID));
  }

  @Test
  void unknownRoutesAreJson404s() {
    var response = request(HttpMethod.GET, "/nowhere", null);
    assertEquals(404, response.statusCode());
    assertEquals("Cannot GET /parse/nowhere", response.bodyAsJsonObject().getString("error"));
  }

  @Test
  void masterKeyIsAccepted() {
    expect(request(HttpMethod.POST, "/classes/Mastered", Map.of(ParseHeaders.APPLICATION_ID,
        APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY), new JsonObject().put("a", 1)), 201);
  }
}
