package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * beforeFind narrows a query (not for the master key), afterFind rewrites the results, and a
 * throwing beforeFind refuses the find with its code.
 */
class CloudFindTriggersApiTest extends ApiTestBase {

  @BeforeAll
  static void bootWithCloudCode() throws Exception {
    Path main = Path.of(CloudFindTriggersApiTest.class.getResource("/cloud/main.js").toURI());
    withConfig(Map.of("cloud", main.toString()));
  }

  private static JsonArray titles(Map<String, String> headers) {
    JsonObject found = expect(client.requestAbs(HttpMethod.GET, url("/classes/Article"))
        .putHeaders(io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(headers))
        .addQueryParam("order", "title").send().await(), 200);
    JsonArray titles = new JsonArray();
    found.getJsonArray("results").forEach(r -> titles.add(((JsonObject) r).getString("title")));
    return titles;
  }

  @Test
  void beforeFindNarrowsAndAfterFindRewrites() {
    create("Article", new JsonObject().put("title", "draft").put("published", false));
    create("Article", new JsonObject().put("title", "news").put("published", true));
    assertEquals(new JsonArray().add("NEWS"),
        titles(Map.of(ParseHeaders.APPLICATION_ID, APP_ID)));
    assertEquals(new JsonArray().add("DRAFT").add("NEWS"), titles(Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY)));
    JsonObject one = expect(client.requestAbs(HttpMethod.GET, url("/classes/Article"))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID).send().await(), 200)
        .getJsonArray("results").getJsonObject(0);
    // the rewritten objects keep the REST shape
    assertEquals(String.class, one.getValue("createdAt").getClass(), one::encode);
  }

  @Test
  void aThrowingBeforeFindRefusesTheFind() {
    create("Refused", new JsonObject().put("a", 1));
    JsonObject error = expectError(request(HttpMethod.GET, "/classes/Refused", null), 400, 119);
    assertEquals("no finds here", error.getString("error"));
  }
}
