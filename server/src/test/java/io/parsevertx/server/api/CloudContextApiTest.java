package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code request.headers} (the HTTP request's headers, without keys) and {@code request.context}
 * (the client's {@code X-Parse-Cloud-Context} header, the JS SDK's {@code _context}, or the
 * {@code context} option of an SDK call in cloud code), which a beforeSave may add to for its
 * afterSave.
 */
class CloudContextApiTest extends ApiTestBase {

  @BeforeAll
  static void bootWithCloudCode() throws Exception {
    Path main = Path.of(CloudContextApiTest.class.getResource("/cloud/main.js").toURI());
    withConfig(Map.of("cloud", main.toString()));
  }

  private static List<JsonObject> logs(String savedId) {
    JsonObject found = expect(client.requestAbs(HttpMethod.GET, url("/classes/ContextLog"))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY)
        .addQueryParam("where", new JsonObject().put("savedId", savedId).encode()).send()
        .await(), 200);
    return found.getJsonArray("results").stream().map(JsonObject.class::cast).toList();
  }

  @Test
  void aFunctionSeesTheRequestHeadersButNoKey() {
    JsonObject result = expect(request(HttpMethod.POST, "/functions/whoAsks",
        Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY,
            "X-App-Flavor", "mint"), new JsonObject()), 200).getJsonObject("result");
    assertEquals("mint", result.getString("flavor"));
    assertEquals(false, result.getBoolean("sawMasterKey"));
  }

  @Test
  void theContextHeaderReachesBeforeSaveAndWhatItAddsReachesAfterSave() {
    String id = expect(request(HttpMethod.POST, "/classes/Contexted", Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.CLOUD_CONTEXT,
        "{\"source\":\"header\"}", "X-App-Flavor", "lime"), new JsonObject().put("n", 1)), 201)
        .getString("objectId");
    assertEquals("header", expect(request(HttpMethod.GET, "/classes/Contexted/" + id, null),
        200).getString("fromContext"));
    PushApiTest.waitUntil(() -> logs(id).size() == 1, 10_000);
    JsonObject log = logs(id).get(0);
    assertEquals("header", log.getString("source"));
    assertEquals("from-before", log.getString("stamp"));
    assertEquals("lime", log.getString("flavor"));
  }

  @Test
  void theSdkContextKeyAndAnSdkCallsContextOptionWork() {
    String id = expect(request(HttpMethod.POST, "/classes/Contexted", new JsonObject()
        .put("n", 2).put("_context", new JsonObject().put("source", "body"))), 201)
        .getString("objectId");
    assertEquals("body", expect(request(HttpMethod.GET, "/classes/Contexted/" + id, null),
        200).getString("fromContext"));

    String fromCloud = expect(request(HttpMethod.POST, "/functions/saveWithContext",
        new JsonObject()), 200).getString("result");
    assertEquals("cloud", expect(request(HttpMethod.GET, "/classes/Contexted/" + fromCloud,
        null), 200).getString("fromContext"));
  }

  @Test
  void aContextThatIsNotAnObjectIsRefused() {
    expectError(request(HttpMethod.POST, "/classes/Contexted", Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.CLOUD_CONTEXT, "[1,2]"),
        new JsonObject().put("n", 3)), 400, 107);
  }
}
