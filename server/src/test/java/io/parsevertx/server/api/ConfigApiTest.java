package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /config}, {@code /purge} and dot-notation updates. */
class ConfigApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);

  @Test
  void configParamsWithMasterKeyOnlyOnes() {
    assertEquals(new JsonObject().put("params", new JsonObject()),
        expect(request(HttpMethod.GET, "/config", null), 200));
    JsonObject date = new JsonObject().put("__type", "Date").put("iso", "2024-01-01T00:00:00.000Z");
    assertEquals(new JsonObject().put("result", true), expect(request(HttpMethod.PUT, "/config",
        MASTER, new JsonObject().put("params", new JsonObject().put("welcome", "hi")
            .put("launch", date).put("secret", "s3")).put("masterKeyOnly",
            new JsonObject().put("secret", true))), 200));
    JsonObject forClients = expect(request(HttpMethod.GET, "/config", null), 200);
    assertEquals(new JsonObject().put("welcome", "hi").put("launch", date),
        forClients.getJsonObject("params"));
    JsonObject forMaster = expect(request(HttpMethod.GET, "/config", MASTER, null), 200);
    assertEquals("s3", forMaster.getJsonObject("params").getString("secret"));
    assertEquals(true, forMaster.getJsonObject("masterKeyOnly").getBoolean("secret"));

    expect(request(HttpMethod.PUT, "/config", MASTER, new JsonObject().put("params",
        new JsonObject().put("welcome", new JsonObject().put("__op", "Delete")))), 200);
    assertFalse(expect(request(HttpMethod.GET, "/config", null), 200).getJsonObject("params")
        .containsKey("welcome"));
    assertEquals(403, request(HttpMethod.PUT, "/config", new JsonObject().put("params",
        new JsonObject().put("x", 1))).statusCode());
  }

  @Test
  void purgeDeletesObjectsAndKeepsTheClass() {
    create("Purged", new JsonObject().put("n", 1));
    create("Purged", new JsonObject().put("n", 2));
    assertEquals(403, request(HttpMethod.DELETE, "/purge/Purged", null).statusCode());
    assertEquals(new JsonObject(), expect(request(HttpMethod.DELETE, "/purge/Purged", MASTER,
        null), 200));
    assertEquals(0, expect(request(HttpMethod.GET, "/classes/Purged", null), 200)
        .getJsonArray("results").size());
    expect(request(HttpMethod.GET, "/schemas/Purged", MASTER, null), 200);
  }

  @Test
  void dotNotationUpdatesNestedKeys() {
    String id = create("Nested", new JsonObject().put("meta", new JsonObject().put("level", 1)
        .put("name", "x"))).getString("objectId");
    JsonObject updated = expect(request(HttpMethod.PUT, "/classes/Nested/" + id, new JsonObject()
        .put("meta.level", new JsonObject().put("__op", "Increment").put("amount", 2))
        .put("meta.tag", "new")), 200);
    assertEquals(3, updated.getInteger("meta.level"));
    JsonObject meta = expect(request(HttpMethod.GET, "/classes/Nested/" + id, null), 200)
        .getJsonObject("meta");
    assertEquals(new JsonObject().put("level", 3).put("name", "x").put("tag", "new"), meta);
    expectError(request(HttpMethod.PUT, "/classes/Nested/" + id, new JsonObject()
        .put("meta..x", 1)), 400, 121);
    expectError(request(HttpMethod.POST, "/classes/Nested", new JsonObject()
        .put("meta.level", 1)), 400, 105);
  }
}
