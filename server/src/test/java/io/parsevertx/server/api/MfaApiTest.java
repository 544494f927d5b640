package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TOTP MFA: set-up with a code, required at log-in, codes not reusable, recovery codes once. */
class MfaApiTest extends ApiTestBase {

  @BeforeAll
  static void mfa() {
    withConfig(Map.of("auth", "{\"mfa\":{\"enabled\":true,\"options\":[\"TOTP\"]},"
            + "\"word\":{\"module\":\"" + PasswordWordAdapter.class.getName()
            + "\",\"word\":\"open-sesame\"}}",
        "accountLockout", "{\"duration\":5,\"threshold\":3}"));
  }

  private static String code(String secret, long stepOffset) throws Exception {
    return new DefaultCodeGenerator().generate(secret,
        System.currentTimeMillis() / 1000 / 30 + stepOffset);
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> logIn(
      String user, JsonObject authData) {
    JsonObject body = new JsonObject().put("username", user).put("password", "pw");
    return request(HttpMethod.POST, "/login", authData == null ? body
        : body.put("authData", authData));
  }

  @Test
  void totpSetUpThenRequiredAtLoginWithRecoveryCodesOnce() throws Exception {
    JsonObject user = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "mfa-user").put("password", "pw")), 201);
    Map<String, String> session = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, user.getString("sessionToken"));
    String path = "/users/" + user.getString("objectId");
    String secret = new DefaultSecretGenerator(32).generate();

    expectError(request(HttpMethod.PUT, path, session, new JsonObject().put("authData",
        new JsonObject().put("mfa", new JsonObject().put("secret", secret)
            .put("token", "000000")))), 400, 210);
    JsonObject setUp = expect(request(HttpMethod.PUT, path, session, new JsonObject()
        .put("authData", new JsonObject().put("mfa", new JsonObject().put("secret", secret)
            .put("token", code(secret, -1))))), 200);
    String[] recovery = setUp.getJsonObject("authDataResponse").getJsonObject("mfa")
        .getString("recovery").split(", ");
    assertEquals(2, recovery.length);
    assertEquals(30, recovery[0].length());

    JsonObject me = expect(request(HttpMethod.GET, "/users/me", session, null), 200);
    assertEquals(new JsonObject().put("status", "enabled"),
        me.getJsonObject("authData").getJsonObject("mfa"));
    JsonObject seenByMaster = expect(request(HttpMethod.GET, path, Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY), null), 200);
    assertFalse(seenByMaster.encode().contains(secret), "the secret is shown to no one");

    expectError(logIn("mfa-user", null), 400, 211);
    expectError(logIn("mfa-user", new JsonObject().put("mfa", new JsonObject()
        .put("token", "123"))), 400, 210);
    String current = code(secret, 0);
    expect(logIn("mfa-user", new JsonObject().put("mfa", new JsonObject()
        .put("token", current))), 200);
    expectError(logIn("mfa-user", new JsonObject().put("mfa", new JsonObject()
        .put("token", current))), 400, 210);
    expectError(logIn("mfa-user", new JsonObject().put("mfa", new JsonObject()
        .put("token", code(secret, -1)))), 400, 210);

    expect(logIn("mfa-user", new JsonObject().put("mfa", new JsonObject()
        .put("token", recovery[0]))), 200);
    expectError(logIn("mfa-user", new JsonObject().put("mfa", new JsonObject()
        .put("token", recovery[0]))), 400, 210);
    expectError(request(HttpMethod.PUT, path, session, new JsonObject().put("authData",
        new JsonObject().put("mfa", new JsonObject().put("secret", secret)
            .put("token", code(secret, 0))))), 400, 210);
    expectError(request(HttpMethod.PUT, path, session, new JsonObject().put("authData",
        new JsonObject().putNull("mfa"))), 400, 210);
  }

  /** Signs up, sets TOTP up; returns {sessionHeaders-token, objectId, secret, recovery}. */
  private static JsonObject userWithMfa(String username) throws Exception {
    JsonObject user = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", username).put("password", "pw")), 201);
    String secret = new DefaultSecretGenerator(32).generate();
    JsonObject setUp = expect(request(HttpMethod.PUT, "/users/" + user.getString("objectId"),
        Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN,
            user.getString("sessionToken")), new JsonObject().put("authData", new JsonObject()
            .put("mfa", new JsonObject().put("secret", secret).put("token", code(secret, -1))))),
        200);
    return user.put("secret", secret).put("recovery", setUp.getJsonObject("authDataResponse")
        .getJsonObject("mfa").getString("recovery"));
  }

  @Test
  void secretIsEncryptedAtRestAndParseServerPlainSecretsStillWork() throws Exception {
    JsonObject user = userWithMfa("sealed");
    String secret = user.getString("secret");
    var store = raw();
    JsonObject stored = store.authData(store.user(user.getString("objectId")), "mfa");
    assertTrue(stored.getString("secret").startsWith("aesgcm:"), stored.encode());
    assertFalse(stored.encode().contains(secret), "the secret is not stored in the clear");
    for (String code : user.getString("recovery").split(", ")) {
      assertFalse(stored.encode().contains(code), "recovery codes are stored hashed");
    }
    expect(logIn("sealed", new JsonObject().put("mfa", new JsonObject()
        .put("token", code(secret, 0)))), 200);

    // Parse Server stores the secret as given; such users keep logging in after a migration.
    store.mergeAuthData(user.getString("objectId"), "mfa", new JsonObject()
        .put("secret", secret).put("lastStep", -1));
    expect(logIn("sealed", new JsonObject().put("mfa", new JsonObject()
        .put("token", code(secret, 0)))), 200);
  }

  @Test
  void repeatedWrongCodesLockTheAccount() throws Exception {
    JsonObject user = userWithMfa("guessed");
    for (int i = 0; i < 3; i++) {
      expectError(logIn("guessed", new JsonObject().put("mfa", new JsonObject()
          .put("token", "00000" + i))), 400, 210);
    }
    JsonObject locked = expectError(logIn("guessed", new JsonObject().put("mfa",
        new JsonObject().put("token", code(user.getString("secret"), 0)))), 404, 101);
    assertTrue(locked.getString("error").contains("locked"), locked.encode());
  }

  @Test
  void changingOrTurningMfaOffTakesACurrentCodeOrTheMasterKey() throws Exception {
    JsonObject user = userWithMfa("changer");
    String path = "/users/" + user.getString("objectId");
    Map<String, String> session = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, user.getString("sessionToken"));
    String oldSecret = user.getString("secret");
    String newSecret = new DefaultSecretGenerator(32).generate();
    JsonObject change = new JsonObject().put("secret", newSecret)
        .put("token", code(newSecret, 0));

    expectError(request(HttpMethod.PUT, path, session, new JsonObject().put("authData",
        new JsonObject().put("mfa", change.copy()))), 400, 210);
    expectError(request(HttpMethod.PUT, path, session, new JsonObject().put("authData",
        new JsonObject().put("mfa", change.copy().put("old", "999999")))), 400, 210);
    JsonObject changed = expect(request(HttpMethod.PUT, path, session, new JsonObject()
        .put("authData", new JsonObject().put("mfa", change.copy()
            .put("old", code(oldSecret, 0))))), 200);
    assertEquals(2, changed.getJsonObject("authDataResponse").getJsonObject("mfa")
        .getString("recovery").split(", ").length, "new recovery codes");
    expectError(logIn("changer", new JsonObject().put("mfa", new JsonObject()
        .put("token", code(oldSecret, 1)))), 400, 210);
    expect(logIn("changer", new JsonObject().put("mfa", new JsonObject()
        .put("token", code(newSecret, 1)))), 200);

    // A code older than the last one used is refused; an unused recovery code proves it too.
    expectError(request(HttpMethod.PUT, path, session, new JsonObject().put("authData",
        new JsonObject().put("mfa", new JsonObject().put("old", code(newSecret, -1))))), 400,
        210);
    String newRecovery = changed.getJsonObject("authDataResponse").getJsonObject("mfa")
        .getString("recovery").split(", ")[0];
    expect(request(HttpMethod.PUT, path, session, new JsonObject().put("authData",
        new JsonObject().put("mfa", new JsonObject().put("old", newRecovery)))), 200);
    expect(logIn("changer", null), 200);

    JsonObject again = userWithMfa("mastered");
    expect(request(HttpMethod.PUT, "/users/" + again.getString("objectId"), Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY),
        new JsonObject().put("authData", new JsonObject().putNull("mfa"))), 200);
    expect(logIn("mastered", null), 200);
  }

  @Test
  void oneCodeUsedByManyConcurrentLogInsLetsExactlyOneIn() throws Exception {
    for (String kind : new String[] {"recovery", "totp"}) {
      JsonObject user = userWithMfa("racer-" + kind);
      String code = "recovery".equals(kind) ? user.getString("recovery").split(", ")[0]
          : code(user.getString("secret"), 0);
      JsonObject body = new JsonObject().put("username", "racer-" + kind).put("password", "pw")
          .put("authData", new JsonObject().put("mfa", new JsonObject().put("token", code)));
      java.util.List<io.vertx.core.Future<Integer>> racing = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        racing.add(client.postAbs(url("/login")).putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
            .sendJsonObject(body).map(r -> r.statusCode() == 200 ? 200
                : r.bodyAsJsonObject().getInteger("code")));
      }
      java.util.List<Integer> outcomes = io.vertx.core.Future.all(racing).await().list();
      assertEquals(1, outcomes.stream().filter(s -> s == 200).count(), kind + " " + outcomes);
      // note: the others lost the race (210) or, replaying a used code, tripped the lockout (101)
      assertTrue(outcomes.stream().allMatch(s -> s == 200 || s == 210 || s == 101),
          kind + " " + outcomes);
    }
  }

  @Test
  void aLinkedProviderIsNoWayAroundMfa() throws Exception {
    JsonObject user = userWithMfa("linked");
    JsonObject word = new JsonObject().put("id", "w-linked").put("word", "open-sesame");
    expect(request(HttpMethod.PUT, "/users/" + user.getString("objectId"), Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN,
        user.getString("sessionToken")), new JsonObject().put("authData", new JsonObject()
        .put("word", word))), 200);

    expectError(request(HttpMethod.POST, "/users", new JsonObject().put("authData",
        new JsonObject().put("word", word))), 400, 211);
    expectError(request(HttpMethod.POST, "/users", new JsonObject().put("authData",
        new JsonObject().put("word", word).put("mfa", new JsonObject().put("token",
            "000000")))), 400, 210);
    JsonObject in = expect(request(HttpMethod.POST, "/users", new JsonObject().put("authData",
        new JsonObject().put("word", word).put("mfa", new JsonObject().put("token",
            code(user.getString("secret"), 0))))), 200);
    assertEquals(user.getString("objectId"), in.getString("objectId"));
  }
}
