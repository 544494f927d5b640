package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code idempotencyOptions}: a retried write with the same X-Parse-Request-Id is applied once. */
class IdempotencyApiTest extends ApiTestBase {

  @BeforeAll
  static void enable() {
    withConfig(Map.of("idempotencyOptions", "{\"paths\":[\"classes/.*\"],\"ttl\":60}"));
  }

  private static Map<String, String> withRequestId(String id) {
    return Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.PARSE_REQUEST_ID, id);
  }

  @Test
  void aRetriedCreateIsAppliedOnce() {
    JsonObject body = new JsonObject().put("n", 1);
    expect(request(HttpMethod.POST, "/classes/Once", withRequestId("req-1"), body), 201);
    expectError(request(HttpMethod.POST, "/classes/Once", withRequestId("req-1"), body), 400,
        159);
    assertEquals(1, expect(request(HttpMethod.GET, "/classes/Once?count=1&limit=0", null), 200)
        .getInteger("count"));
    expect(request(HttpMethod.POST, "/classes/Once", withRequestId("req-2"), body), 201);
    expect(request(HttpMethod.POST, "/classes/Once", body), 201);
  }

  @Test
  void aRetriedUpdateIsAppliedOnce() {
    String id = create("OnceUpdate", new JsonObject().put("n", 0)).getString("objectId");
    JsonObject increment = new JsonObject().put("n", new JsonObject().put("__op", "Increment")
        .put("amount", 1));
    expect(request(HttpMethod.PUT, "/classes/OnceUpdate/" + id, withRequestId("upd-1"),
        increment), 200);
    expectError(request(HttpMethod.PUT, "/classes/OnceUpdate/" + id, withRequestId("upd-1"),
        increment), 400, 159);
    assertEquals(1, expect(request(HttpMethod.GET, "/classes/OnceUpdate/" + id, null), 200)
        .getInteger("n"));
  }

  @Test
  void pathsOutsideTheOptionsAreNotGuarded() {
    Map<String, String> master = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.MASTER_KEY, MASTER_KEY, ParseHeaders.PARSE_REQUEST_ID, "cfg-1");
    JsonObject params = new JsonObject().put("params", new JsonObject().put("a", 1));
    expect(request(HttpMethod.PUT, "/config", master, params), 200);
    expect(request(HttpMethod.PUT, "/config", master, params), 200);
  }
}
