package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * beforeSave, afterSave, beforeDelete and afterDelete from the app's main.js, around REST writes
 * and around the SDK's writes inside a function: a beforeSave edits fields or refuses the
 * write, sees {@code isNew()}, {@code dirty()} and {@code request.original}; a beforeDelete
 * refuses a delete; the after-triggers run once the write is done.
 */
class CloudTriggersApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);

  @BeforeAll
  static void bootWithCloudCode() throws Exception {
    Path main = Path.of(CloudTriggersApiTest.class.getResource("/cloud/main.js").toURI());
    withConfig(Map.of("cloud", main.toString()));
  }

  private static List<JsonObject> logs(String field, String value) {
    JsonObject found = expect(client.requestAbs(HttpMethod.GET, url("/classes/ReviewLog"))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY)
        .addQueryParam("where", new JsonObject().put(field, value).encode()).send().await(),
        200);
    return found.getJsonArray("results").stream().map(JsonObject.class::cast).toList();
  }

  @Test
  void beforeSaveEditsTheObjectAndAfterSaveRuns() {
    String id = create("Review", new JsonObject().put("text",
        "a very long review that goes on").put("stars", 4)).getString("objectId");
    JsonObject stored = expect(request(HttpMethod.GET, "/classes/Review/" + id, null), 200);
    assertEquals("a very long revie...", stored.getString("text"));
    assertEquals("new", stored.getString("status"));
    PushApiTest.waitUntil(() -> logs("reviewId", id).size() == 1, 10_000);
    assertEquals(false, logs("reviewId", id).get(0).getBoolean("isUpdate"));

    expect(request(HttpMethod.PUT, "/classes/Review/" + id, new JsonObject()
        .put("text", "short")), 200);
    JsonObject updated = expect(request(HttpMethod.GET, "/classes/Review/" + id, null), 200);
    assertEquals("short", updated.getString("text"));
    assertEquals("a very long revie...", updated.getString("previousText"));
    assertEquals("new", updated.getString("status"));
    PushApiTest.waitUntil(() -> logs("reviewId", id).size() == 2, 10_000);
  }

  @Test
  void beforeSaveRefusesAWrite() {
    String marker = UUID.randomUUID().toString();
    JsonObject error = expectError(request(HttpMethod.POST, "/classes/Review", new JsonObject()
        .put("text", marker).put("stars", 6)), 400, 142);
    assertEquals("stars must be at most 5", error.getString("error"));
    JsonObject found = expect(client.requestAbs(HttpMethod.GET, url("/classes/Review"))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .addQueryParam("where", new JsonObject().put("text", marker).encode()).send().await(),
        200);
    assertEquals(new JsonArray(), found.getJsonArray("results"));
    expectError(request(HttpMethod.POST, "/classes/Gated", new JsonObject().put("a", 1)),
        400, 142);
    expect(request(HttpMethod.POST, "/classes/Gated", MASTER, new JsonObject().put("a", 1)),
        201);
  }

  @Test
  void beforeDeleteRefusesAndAfterDeleteRuns() {
    String id = create("Review", new JsonObject().put("text", "keep").put("locked", true))
        .getString("objectId");
    JsonObject refused = expectError(request(HttpMethod.DELETE, "/classes/Review/" + id, null),
        400, 141);
    assertEquals("this review is locked", refused.getString("error"));
    expect(request(HttpMethod.GET, "/classes/Review/" + id, null), 200);
    expect(request(HttpMethod.PUT, "/classes/Review/" + id, new JsonObject()
        .put("locked", false)), 200);
    expect(request(HttpMethod.DELETE, "/classes/Review/" + id, null), 200);
    expectError(request(HttpMethod.GET, "/classes/Review/" + id, null), 404, 101);
    PushApiTest.waitUntil(() -> logs("deletedId", id).size() == 1, 10_000);
  }

  @Test
  void theSdksWritesInsideAFunctionFireTriggersToo() {
    JsonObject result = expect(request(HttpMethod.POST, "/functions/reviewFromCloud",
        new JsonObject().put("text", "written by cloud code itself")), 200)
        .getJsonObject("result");
    assertEquals(new JsonObject().put("text", "written by cloud ...").put("status", "new"),
        result);
    assertFalse(result.isEmpty());
  }

  @Test
  void validatorsCheckRolesUserKeysAndConstantFields() {
    JsonObject user = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "mod-" + UUID.randomUUID()).put("password", "pw")), 201);
    Map<String, String> asUser = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, user.getString("sessionToken"));
    assertEquals("Validation failed. User does not match the required roles.",
        expectError(request(HttpMethod.POST, "/functions/moderatorsOnly", asUser,
            new JsonObject()), 400, 142).getString("error"));
    expect(request(HttpMethod.POST, "/roles", MASTER, new JsonObject().put("name", "Moderator")
        .put("ACL", new JsonObject().put("*", new JsonObject().put("read", true)))
        .put("users", new JsonObject().put("__op", "AddRelation").put("objects",
            new JsonArray().add(new JsonObject().put("__type", "Pointer")
                .put("className", "_User").put("objectId", user.getString("objectId")))))), 201);
    assertEquals("moderated", expect(request(HttpMethod.POST, "/functions/moderatorsOnly",
        asUser, new JsonObject()), 200).getString("result"));
    expectError(request(HttpMethod.POST, "/functions/needsEmail", asUser, new JsonObject()),
        400, 142);

    String id = create("Ledger", new JsonObject().put("owner", "ada")).getString("objectId");
    assertEquals("plain", expect(request(HttpMethod.GET, "/classes/Ledger/" + id, null), 200)
        .getString("kind"));
    expect(request(HttpMethod.PUT, "/classes/Ledger/" + id, new JsonObject()
        .put("owner", "mallory").put("kind", "special")), 200);
    JsonObject kept = expect(request(HttpMethod.GET, "/classes/Ledger/" + id, null), 200);
    assertEquals("ada", kept.getString("owner"), kept::encode);
    assertEquals("special", kept.getString("kind"));
    expect(request(HttpMethod.PUT, "/classes/Ledger/" + id, MASTER, new JsonObject()
        .put("owner", "grace")), 200);
    assertEquals("grace", expect(request(HttpMethod.GET, "/classes/Ledger/" + id, null), 200)
        .getString("owner"));
  }

  private static int entries(String className, String userId) {
    return expect(client.requestAbs(HttpMethod.GET, url("/classes/" + className))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY)
        .addQueryParam("where", new JsonObject().put("userId", userId).encode()).send().await(),
        200).getJsonArray("results").size();
  }

  @Test
  void loginTriggersRefuseAndFollowLogInsAndLogOuts() {
    String banned = "banned-" + UUID.randomUUID();
    expect(request(HttpMethod.POST, "/users", new JsonObject().put("username", banned)
        .put("password", "pw").put("isBanned", true)), 201);
    assertEquals("Access denied, you have been banned.", expectError(request(HttpMethod.POST,
        "/login", new JsonObject().put("username", banned).put("password", "pw")), 400, 141)
        .getString("error"));

    String name = "welcome-" + UUID.randomUUID();
    String userId = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", name).put("password", "pw")), 201).getString("objectId");
    String token = expect(request(HttpMethod.POST, "/login", new JsonObject()
        .put("username", name).put("password", "pw")), 200).getString("sessionToken");
    PushApiTest.waitUntil(() -> entries("LoginLog", userId) == 1, 10_000);
    expect(request(HttpMethod.POST, "/logout", Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, token), new JsonObject()), 200);
    PushApiTest.waitUntil(() -> entries("LogoutLog", userId) == 1, 10_000);
  }
}
