package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /challenge} reaches a custom adapter's challenge; its answer then logs in; its
 * {@code afterFind} decides what replies show of the stored authData.
 */
class ChallengeApiTest extends ApiTestBase {

  @BeforeAll
  static void nonceProvider() {
    withConfig(Map.of("auth", new JsonObject().put("nonce", new JsonObject()
        .put("module", NonceAdapter.class.getName())).encode()));
  }

  private static JsonObject challenge(Map<String, String> headers, JsonObject body) {
    return expect(request(HttpMethod.POST, "/challenge", headers, body), 200)
        .getJsonObject("challengeData").getJsonObject("nonce");
  }

  @Test
  void adapterChallengeThenSingleUseLogin() {
    Map<String, String> app = Map.of(ParseHeaders.APPLICATION_ID, APP_ID);
    JsonObject ask = new JsonObject().put("challengeData", new JsonObject().put("nonce",
        new JsonObject())).put("authData", new JsonObject().put("nonce", new JsonObject()
        .put("id", "n-1")));
    JsonObject answer = challenge(app, ask);
    assertNull(answer.getValue("knownUser"), "no user was named");
    JsonObject login = new JsonObject().put("authData", new JsonObject().put("nonce",
        new JsonObject().put("id", "n-1").put("nonce", answer.getString("nonce"))));
    JsonObject created = expect(request(HttpMethod.POST, "/users", login), 201);
    expectError(request(HttpMethod.POST, "/users", login), 404, 101);

    Map<String, String> session = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, created.getString("sessionToken"));
    JsonObject shown = new JsonObject().put("id", "n-1");
    assertEquals(shown, expect(request(HttpMethod.GET, "/users/me", session, null), 200)
        .getJsonObject("authData").getJsonObject("nonce"), "the adapter's afterFind view");
    assertEquals(shown, expect(request(HttpMethod.GET, "/classes/_User/"
        + created.getString("objectId"), Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.MASTER_KEY, MASTER_KEY), null), 200).getJsonObject("authData")
        .getJsonObject("nonce"), "data-service shows the same view to the master key");
    JsonObject again = challenge(session, ask);
    assertEquals(created.getString("username"), again.getString("knownUser"),
        "the session names the user to the adapter");
    expect(request(HttpMethod.POST, "/users", new JsonObject().put("authData", new JsonObject()
        .put("nonce", new JsonObject().put("id", "n-1").put("nonce",
            again.getString("nonce"))))), 200);

    expectError(request(HttpMethod.POST, "/challenge", new JsonObject().put("challengeData",
        new JsonObject().put("nonce", new JsonObject()))), 404, 101);
    expectError(request(HttpMethod.POST, "/challenge", new JsonObject().put("challengeData",
        new JsonObject().put("github", new JsonObject()))), 400, 252);
  }
}
