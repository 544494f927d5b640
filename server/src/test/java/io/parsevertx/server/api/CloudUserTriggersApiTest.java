package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The app's save and delete triggers on {@code _User}, which auth-service runs around the
 * writes it owns: a sign-up, an update of a user and its deletion. A beforeSave sees the
 * sign-up's password and may change fields or refuse; the after-triggers see no secret.
 */
class CloudUserTriggersApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);

  @BeforeAll
  static void bootWithUserTriggers() throws Exception {
    Path main = Path.of(CloudUserTriggersApiTest.class.getResource("/cloud-users/main.js")
        .toURI());
    withConfig(Map.of("cloud", main.toString()));
  }

  private static Map<String, String> as(String token) {
    return Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN, token);
  }

  private static List<JsonObject> logs(String username, String event) {
    JsonObject found = expect(client.requestAbs(HttpMethod.GET, url("/classes/UserLog"))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY)
        .addQueryParam("where", new JsonObject().put("username", username).put("event", event)
            .encode()).send().await(), 200);
    return found.getJsonArray("results").stream().map(JsonObject.class::cast).toList();
  }

  private static JsonObject signUp(String username) {
    return expect(request(HttpMethod.POST, "/users", new JsonObject().put("username", username)
        .put("password", "pw-1")), 201);
  }

  @Test
  void beforeSaveShapesASignUpAndAfterSaveSeesNoSecret() {
    JsonObject ann = signUp("cu-ann");
    JsonObject stored = expect(request(HttpMethod.GET, "/users/" + ann.getString("objectId"),
        as(ann.getString("sessionToken")), null), 200);
    assertEquals("CU-ANN", stored.getString("nickname"));
    assertEquals(true, stored.getBoolean("sawPassword"), "beforeSave sees the password sent");
    PushApiTest.waitUntil(() -> logs("cu-ann", "created").size() == 1, 10_000);
    assertEquals(false, logs("cu-ann", "created").get(0).getBoolean("sawHash"));

    JsonObject refused = expectError(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "refused-bob").put("password", "pw")), 400, 142);
    assertEquals("this username is not allowed", refused.getString("error"));
    expectError(request(HttpMethod.POST, "/login", new JsonObject()
        .put("username", "refused-bob").put("password", "pw")), 404, 101);
  }

  @Test
  void anAuthDataSignUpRunsTheSaveTriggersToo() {
    JsonObject anonymous = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("authData", new JsonObject().put("anonymous", new JsonObject()
            .put("id", java.util.UUID.randomUUID().toString())))), 201);
    JsonObject stored = expect(request(HttpMethod.GET, "/users/"
        + anonymous.getString("objectId"), MASTER, null), 200);
    String username = stored.getString("username");
    assertEquals(username.toUpperCase(java.util.Locale.ROOT), stored.getString("nickname"));
    assertEquals(false, stored.getBoolean("sawPassword"));
    PushApiTest.waitUntil(() -> logs(username, "created").size() == 1, 10_000);
  }

  @Test
  void beforeSaveShapesAnUpdateAndTheNewPasswordStillWorks() {
    JsonObject cy = signUp("cu-cy");
    String id = cy.getString("objectId");
    Map<String, String> asCy = as(cy.getString("sessionToken"));
    expect(request(HttpMethod.PUT, "/users/" + id, asCy, new JsonObject().put("title",
        "shout")), 200);
    JsonObject first = expect(request(HttpMethod.GET, "/users/" + id, asCy, null), 200);
    assertEquals("SHOUT", first.getString("title"));
    assertFalse(first.containsKey("previousTitle") && first.getValue("previousTitle") != null);
    expect(request(HttpMethod.PUT, "/users/" + id, asCy, new JsonObject().put("title",
        "calm")), 200);
    JsonObject second = expect(request(HttpMethod.GET, "/users/" + id, asCy, null), 200);
    assertEquals("calm", second.getString("title"));
    assertEquals("SHOUT", second.getString("previousTitle"), "beforeSave saw the original");
    PushApiTest.waitUntil(() -> logs("cu-cy", "updated").size() == 2, 10_000);

    JsonObject refused = expectError(request(HttpMethod.PUT, "/users/" + id, asCy,
        new JsonObject().put("username", "refused-cy")), 400, 142);
    assertEquals("this username is not allowed", refused.getString("error"));
    assertEquals("cu-cy", expect(request(HttpMethod.GET, "/users/" + id, asCy, null), 200)
        .getString("username"));

    expect(request(HttpMethod.PUT, "/users/" + id, MASTER, new JsonObject()
        .put("password", "pw-2")), 200);
    expect(request(HttpMethod.POST, "/login", new JsonObject().put("username", "cu-cy")
        .put("password", "pw-2")), 200);
  }

  @Test
  void beforeDeleteMayKeepAUserAndAfterDeleteRuns() {
    JsonObject keeper = signUp("cu-keeper");
    String keeperId = keeper.getString("objectId");
    expect(request(HttpMethod.PUT, "/users/" + keeperId, MASTER, new JsonObject()
        .put("title", "keeper")), 200);
    JsonObject kept = expectError(request(HttpMethod.DELETE, "/users/" + keeperId, MASTER,
        null), 400, 141);
    assertEquals("this user is kept", kept.getString("error"));
    expect(request(HttpMethod.GET, "/users/" + keeperId, MASTER, null), 200);

    JsonObject gone = signUp("cu-gone");
    expect(request(HttpMethod.DELETE, "/users/" + gone.getString("objectId"),
        as(gone.getString("sessionToken")), null), 200);
    expectError(request(HttpMethod.GET, "/users/" + gone.getString("objectId"), MASTER, null),
        404, 101);
    PushApiTest.waitUntil(() -> logs("cu-gone", "deleted").size() == 1, 10_000);
    assertTrue(logs("cu-keeper", "deleted").isEmpty());
  }

  @Test
  void theContextGoesFromTheBeforeToTheAfterTrigger() {
    String context = new JsonObject().put("source", "client").encode();
    JsonObject kim = expect(request(HttpMethod.POST, "/users", Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.CLOUD_CONTEXT, context),
        new JsonObject().put("username", "cu-kim").put("password", "pw-1")), 201);
    PushApiTest.waitUntil(() -> logs("cu-kim", "created").size() == 1, 10_000);
    JsonObject created = logs("cu-kim", "created").get(0);
    assertEquals("client", created.getString("source"));
    assertEquals("user-before-save", created.getString("stamp"));

    expect(request(HttpMethod.DELETE, "/users/" + kim.getString("objectId"), Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN,
        kim.getString("sessionToken"), ParseHeaders.CLOUD_CONTEXT, context), null), 200);
    PushApiTest.waitUntil(() -> logs("cu-kim", "deleted").size() == 1, 10_000);
    JsonObject deleted = logs("cu-kim", "deleted").get(0);
    assertEquals("client", deleted.getString("source"));
    assertEquals("user-before-delete", deleted.getString("stamp"));
  }
}
