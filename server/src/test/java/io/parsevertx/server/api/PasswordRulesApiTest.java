package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** accountLockout and passwordPolicy, as parse-server configures them. */
class PasswordRulesApiTest extends ApiTestBase {

  @BeforeAll
  static void rules() {
    withConfig(Map.of("expireInactiveSessions", "false",
        "accountLockout", "{\"duration\":5,\"threshold\":2}", "passwordPolicy",
        "{\"validatorPattern\":\"^(?=.*[0-9]).{6,}$\",\"validationError\":\"needs a digit and 6 "
            + "characters\",\"doNotAllowUsername\":true,\"maxPasswordHistory\":2,"
            + "\"maxPasswordAge\":30}"));
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> logIn(
      String username, String password) {
    return request(HttpMethod.POST, "/login", new JsonObject().put("username", username)
        .put("password", password));
  }

  private static JsonObject signUp(String username, String password) {
    return expect(request(HttpMethod.POST, "/users", new JsonObject().put("username", username)
        .put("password", password)), 201);
  }

  @Test
  void passwordsFollowThePolicy() {
    JsonObject weak = expectError(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "pp-weak").put("password", "abc")), 400, 142);
    assertTrue(weak.getString("error").contains("needs a digit"));
    expectError(request(HttpMethod.POST, "/users", new JsonObject().put("username", "pp-named")
        .put("password", "x1pp-named")), 400, 142);
    JsonObject user = signUp("pp-history", "first1");
    Map<String, String> session = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, user.getString("sessionToken"));
    String path = "/users/" + user.getString("objectId");
    expectError(request(HttpMethod.PUT, path, session, new JsonObject().put("password",
        "first1")), 400, 142);
    expect(request(HttpMethod.PUT, path, session, new JsonObject().put("password", "second2")),
        200);
    expectError(request(HttpMethod.PUT, path, session, new JsonObject().put("password",
        "first1")), 400, 142);
    expect(request(HttpMethod.PUT, path, session, new JsonObject().put("password", "third3")),
        200);
    expect(logIn("pp-history", "third3"), 200);
  }

  @Test
  void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
    signUp("pp-locked", "right1");
    signUp("pp-bystander", "right1");
    expectError(logIn("pp-locked", "wrong1"), 404, 101);
    expectError(logIn("pp-locked", "wrong1"), 404, 101);
    JsonObject locked = expectError(logIn("pp-locked", "right1"), 404, 101);
    assertTrue(locked.getString("error").contains("locked"), locked.encode());
    expect(logIn("pp-bystander", "right1"), 200);
  }

  @Test
  void aSuccessfulLoginResetsTheCount() {
    signUp("pp-careless", "right1");
    for (int i = 0; i < 3; i++) {
      expectError(logIn("pp-careless", "wrong1"), 404, 101);
      expect(logIn("pp-careless", "right1"), 200);
    }
  }

  @Test
  void passwordsOlderThanMaxPasswordAgeMustBeReset() {
    raw().insertUser("oldpasswd1", "pp-old", BCrypt.withDefaults().hashToString(4,
        "aged11".toCharArray()), Instant.now().minus(60, ChronoUnit.DAYS));
    JsonObject expired = expectError(logIn("pp-old", "aged11"), 404, 101);
    assertTrue(expired.getString("error").contains("expired"), expired.encode());
  }

  @Test
  void withoutExpireInactiveSessionsSessionsHaveNoEnd() {
    String token = signUp("pp-forever", "forever1").getString("sessionToken");
    JsonObject session = expect(request(HttpMethod.GET, "/sessions/me", Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN, token), null), 200);
    assertTrue(!session.containsKey("expiresAt"), session.encode());
    expect(request(HttpMethod.GET, "/users/me", Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, token), null), 200);
  }
}
