package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A gateway whose services are not there answers with a Parse error, never a hang. */
class GatewayAloneApiTest extends ApiTestBase {

  @BeforeAll
  static void gatewayOnly() {
    withConfig(Map.of("services", "gateway", "requestTimeout", "300"));
  }

  @Test
  void missingServiceIsErrorTwo() {
    long start = System.nanoTime();
    expectError(request(HttpMethod.POST, "/classes/Lonely", new JsonObject().put("a", 1)), 503,
        2);
    assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000, "answered within the timeout");
  }

  @Test
  void healthSaysWhichServicesAreMissing() {
    var response = request(HttpMethod.GET, "/health", Map.of(), null);
    assertEquals(503, response.statusCode());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("unavailable", body.getString("status"));
    assertEquals("unavailable", body.getJsonObject("services").getString("data"));
  }
}
