package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * beforeFind and afterFind around a get by id ({@code request.isGet}; an object a trigger leaves
 * out is 101), and save and delete triggers inside {@code POST /batch} with
 * {@code "transaction": true}: before-triggers may change or refuse each write (a refusal
 * rolls the whole batch back), after-triggers run once the transaction committed.
 */
class CloudGetAndBatchTriggersApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);

  @BeforeAll
  static void bootWithCloudCode() throws Exception {
    Path main = Path.of(CloudGetAndBatchTriggersApiTest.class.getResource("/cloud/main.js")
        .toURI());
    withConfig(Map.of("cloud", main.toString()));
  }

  private static String id(JsonObject created) {
    return created.getString("objectId");
  }

  @Test
  void aGetRunsBeforeFindAndAfterFind() {
    String shown = id(create("GetGuarded", new JsonObject().put("visible", true)));
    String unlisted = id(create("GetGuarded", new JsonObject().put("visible", false)));
    String hidden = id(create("GetGuarded", new JsonObject().put("visible", true)
        .put("hidden", true)));

    assertEquals("get", expect(request(HttpMethod.GET, "/classes/GetGuarded/" + shown, null),
        200).getString("seenBy"));
    // beforeFind narrowed the query (not for the master key): the object no longer matches
    assertEquals("Object not found.", expectError(request(HttpMethod.GET,
        "/classes/GetGuarded/" + unlisted, null), 404, 101).getString("error"));
    JsonObject asMaster = expect(request(HttpMethod.GET, "/classes/GetGuarded/" + unlisted,
        MASTER, null), 200);
    assertEquals(unlisted, asMaster.getString("objectId"));
    assertEquals(String.class, asMaster.getValue("createdAt").getClass(), asMaster::encode);
    // afterFind dropped it
    expectError(request(HttpMethod.GET, "/classes/GetGuarded/" + hidden, MASTER, null), 404,
        101);
    // a find is not a get
    JsonArray found = expect(request(HttpMethod.GET, "/classes/GetGuarded", null), 200)
        .getJsonArray("results");
    assertEquals(2, found.size(), found::encode);
    found.forEach(o -> assertEquals("find", ((JsonObject) o).getString("seenBy")));
  }

  @Test
  void aThrowingBeforeFindRefusesAGet() {
    String id = id(create("GetRefused", new JsonObject().put("a", 1)));
    assertEquals("no gets here", expectError(request(HttpMethod.GET, "/classes/GetRefused/"
        + id, null), 400, 119).getString("error"));
    assertEquals(1, expect(request(HttpMethod.GET, "/classes/GetRefused", null), 200)
        .getJsonArray("results").size());
  }

  private static JsonObject op(String method, String path, JsonObject body) {
    JsonObject op = new JsonObject().put("method", method).put("path", "/parse" + path);
    return body == null ? op : op.put("body", body);
  }

  private static JsonObject transactionBody(JsonObject... requests) {
    return new JsonObject().put("transaction", true).put("requests", new JsonArray(
        List.of((Object[]) requests)));
  }

  private static JsonObject transaction(int status, JsonObject... requests) {
    var response = request(HttpMethod.POST, "/batch", transactionBody(requests));
    assertEquals(status, response.statusCode(), response::bodyAsString);
    return status == 200 ? new JsonObject().put("results", response.bodyAsJsonArray())
        : response.bodyAsJsonObject();
  }

  private static JsonObject named(String name) {
    JsonArray found = expect(request(HttpMethod.GET, "/classes/TxTriggered?where="
        + where(new JsonObject().put("name", name)), MASTER, null), 200)
        .getJsonArray("results");
    return found.isEmpty() ? null : found.getJsonObject(0);
  }

  private static boolean logged(String event, String name) {
    return !expect(request(HttpMethod.GET, "/classes/TxTriggeredLog?where=" + where(
        new JsonObject().put("event", event).put("name", name)), MASTER, null), 200)
        .getJsonArray("results").isEmpty();
  }

  private static String where(JsonObject where) {
    return URLEncoder.encode(where.encode(), StandardCharsets.UTF_8);
  }

  @Test
  void triggersRunAroundATransactionalBatch() {
    if (!onPostgres()) {
      // mongo-java-server has no transactions: refused before anything, triggers included
      expectError(request(HttpMethod.POST, "/batch", transactionBody(op("POST",
          "/classes/TxTriggered", new JsonObject().put("name", "mongo")))), 400,
          108);
      assertNull(named("mongo"));
      return;
    }
    transaction(200, op("POST", "/classes/TxTriggered", new JsonObject().put("name", "a")),
        op("POST", "/classes/TxTriggered", new JsonObject().put("name", "b")
            .put("keep", true)));
    JsonObject a = named("a");
    assertEquals(true, a.getBoolean("stamped"), a::encode);
    assertEquals(true, named("b").getBoolean("stamped"));
    // afterSave ran once committed: it read each object from outside the transaction
    PushApiTest.waitUntil(() -> logged("saved", "a") && logged("saved", "b"), 10_000);

    // beforeSave sees the stored object as the transaction left it; a refusal undoes it all
    JsonObject refused = transaction(400,
        op("PUT", "/classes/TxTriggered/" + id(a), new JsonObject().put("name", "a2")),
        op("POST", "/classes/TxTriggered", new JsonObject().put("name", "c")),
        op("POST", "/classes/TxTriggered", new JsonObject().put("name", "refused")));
    assertEquals(142, refused.getInteger("code"), refused::encode);
    assertEquals("refused in a transaction", refused.getString("error"));
    assertNull(named("c"));
    assertNull(named("a2"));
    transaction(200, op("PUT", "/classes/TxTriggered/" + id(a), new JsonObject()
        .put("name", "a2")));
    assertEquals("a", named("a2").getString("previousName"));

    // beforeDelete refuses (nothing deleted), afterDelete follows the commit
    JsonObject kept = transaction(400,
        op("DELETE", "/classes/TxTriggered/" + id(a), null),
        op("DELETE", "/classes/TxTriggered/" + id(named("b")), null));
    assertEquals(119, kept.getInteger("code"), kept::encode);
    assertEquals("this one is kept", kept.getString("error"));
    assertEquals(id(a), id(named("a2")));
    transaction(200, op("DELETE", "/classes/TxTriggered/" + id(a), null));
    assertNull(named("a2"));
    PushApiTest.waitUntil(() -> logged("deleted", "a2"), 10_000);
    assertFalse(logged("deleted before commit", "a2"));
    assertFalse(logged("saved", "c"));
  }
}
