package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hardening of the keys: {@code masterKeyIps} (the master key from elsewhere is refused), the
 * read-only master key (reads as master, never writes), the request keyword denylist.
 */
class KeysHardeningApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);
  private static final Map<String, String> READ_ONLY = Map.of(ParseHeaders.APPLICATION_ID,
      APP_ID, ParseHeaders.MASTER_KEY, "read-only-key");

  @BeforeAll
  static void configure() {
    withConfig(Map.of("masterKeyIps", "10.0.0.0/8", "readOnlyMasterKey", "read-only-key"));
  }

  @Test
  void masterKeyFromOutsideMasterKeyIpsIsRefused() {
    var response = request(HttpMethod.GET, "/schemas", MASTER, null);
    assertEquals(403, response.statusCode());
    assertEquals(new JsonObject().put("error", "unauthorized"), response.bodyAsJsonObject());
  }

  @Test
  void readOnlyMasterKeyReadsButNeverWrites() {
    expect(request(HttpMethod.POST, "/classes/Ro", new JsonObject().put("a", 1)), 201);
    expect(request(HttpMethod.GET, "/schemas/Ro", READ_ONLY, null), 200);
    expect(request(HttpMethod.GET, "/classes/Ro", READ_ONLY, null), 200);
    expectError(request(HttpMethod.POST, "/classes/Ro", READ_ONLY, new JsonObject().put("a", 2)),
        400, 119);
    expectError(request(HttpMethod.PUT, "/schemas/Ro", READ_ONLY, new JsonObject()), 400, 119);
    expectError(request(HttpMethod.DELETE, "/purge/Ro", READ_ONLY, null), 400, 119);
  }

  @Test
  void prohibitedKeywordsAreRefusedAtAnyDepthAndNothingIsStored() {
    expectError(request(HttpMethod.POST, "/classes/Kw",
        "{\"a\":1,\"nested\":{\"deep\":[{\"__proto__\":{\"admin\":true}}]}}"), 400, 105);
    expectError(request(HttpMethod.POST, "/classes/Kw", "{\"constructor\":{\"x\":1}}"), 400, 105);
    expectError(request(HttpMethod.POST, "/classes/Kw",
        "{\"code\":{\"_bsontype\":\"Code\",\"code\":\"1\"}}"), 400, 105);
    assertEquals(0, expect(request(HttpMethod.GET, "/classes/Kw", null), 200)
        .getJsonArray("results").size());
    expect(request(HttpMethod.POST, "/classes/Kw", "{\"ctor\":1,\"t\":{\"bsontype\":\"Code\"}}"),
        201);
  }
}
