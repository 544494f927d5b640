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
 * Adapter policies: an {@code additional} provider is asked for at every log-in once linked
 * and never logs in alone; a {@code solo} provider logs in by itself, past MFA and additional
 * providers.
 */
class AuthPolicyApiTest extends ApiTestBase {

  @BeforeAll
  static void policies() {
    withConfig(Map.of("auth", new JsonObject()
        .put("word", new JsonObject().put("module", PasswordWordAdapter.class.getName())
            .put("word", "open-sesame").put("policy", "additional"))
        .put("nonce", new JsonObject().put("module", NonceAdapter.class.getName())
            .put("policy", "solo"))
        .encode()));
  }

  private static String nonceFor(String id) {
    return expect(request(HttpMethod.POST, "/challenge", new JsonObject()
        .put("challengeData", new JsonObject().put("nonce", new JsonObject()))
        .put("authData", new JsonObject().put("nonce", new JsonObject().put("id", id)))), 200)
        .getJsonObject("challengeData").getJsonObject("nonce").getString("nonce");
  }

  @Test
  void additionalIsRequiredOnceLinkedAndSoloIsEnoughAlone() {
    JsonObject user = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "guarded").put("password", "pw")), 201);
    Map<String, String> session = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, user.getString("sessionToken"));
    String path = "/users/" + user.getString("objectId");
    JsonObject word = new JsonObject().put("id", "w-guarded").put("word", "open-sesame");
    expect(request(HttpMethod.PUT, path, session, new JsonObject().put("authData",
        new JsonObject().put("word", word))), 200);

    JsonObject login = new JsonObject().put("username", "guarded").put("password", "pw");
    expectError(request(HttpMethod.POST, "/login", login), 400, 211);
    expectError(request(HttpMethod.POST, "/login", login.copy().put("authData", new JsonObject()
        .put("word", word.copy().put("word", "wrong")))), 404, 101);
    expect(request(HttpMethod.POST, "/login", login.copy().put("authData", new JsonObject()
        .put("word", word))), 200);
    expectError(request(HttpMethod.POST, "/users", new JsonObject().put("authData",
        new JsonObject().put("word", word))), 400, 252);

    expect(request(HttpMethod.PUT, path, session, new JsonObject().put("authData",
        new JsonObject().put("nonce", new JsonObject().put("id", "n-guarded")
            .put("nonce", nonceFor("n-guarded"))))), 200);
    JsonObject solo = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("authData", new JsonObject().put("nonce", new JsonObject().put("id", "n-guarded")
            .put("nonce", nonceFor("n-guarded"))))), 200);
    assertEquals(user.getString("objectId"), solo.getString("objectId"));
  }
}
