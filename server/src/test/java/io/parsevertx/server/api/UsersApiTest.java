package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Users and sessions over HTTP: sign-up, log-in, /users/me, log-out, changes, deletion. */
class UsersApiTest extends ApiTestBase {
  /** Made by bcryptjs 2.4.3, the library Parse Server hashes passwords with. */
  private static final String PARSE_SERVER_HASH =
      "$2a$10$x.Yaunj4Ajfjv.7AYC9BR.QKLsZ2TIvDwA23k/FNlzHcME/lNVYRC";

  private static Map<String, String> session(String token) {
    return Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN, token);
  }

  private static JsonObject signUp(String username, String password) {
    var response = request(HttpMethod.POST, "/users", new JsonObject().put("username", username)
        .put("password", password));
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static HttpResponse<Buffer> logIn(String username, String password) {
    return request(HttpMethod.POST, "/login", new JsonObject().put("username", username)
        .put("password", password));
  }

  @Test
  void signUpAnswersWithASessionToken() {
    var response = request(HttpMethod.POST, "/users", new JsonObject().put("username", "sam")
        .put("password", "s3cret").put("email", "sam@example.com").put("age", 30));
    JsonObject created = expect(response, 201);
    assertEquals(3, created.size());
    assertTrue(created.getString("sessionToken").matches("^r:[0-9a-f]{32}$"));
    assertEquals(url("/users/" + created.getString("objectId")), response.getHeader("Location"));

    JsonObject me = expect(request(HttpMethod.GET, "/users/me",
        session(created.getString("sessionToken")), null), 200);
    assertEquals("sam", me.getString("username"));
    assertEquals(30, me.getInteger("age"));
    assertEquals(created.getString("sessionToken"), me.getString("sessionToken"));
    assertFalse(me.encode().contains("hashed"), me::encode);
    assertFalse(me.containsKey("password"));
  }

  static Stream<Arguments> badSignUps() {
    return Stream.of(
        Arguments.of("no username", new JsonObject().put("password", "p"), 200),
        Arguments.of("empty username", new JsonObject().put("username", "").put("password", "p"),
            200),
        Arguments.of("no password", new JsonObject().put("username", "nopw"), 201),
        Arguments.of("bad email", new JsonObject().put("username", "e").put("password", "p")
            .put("email", "not-an-address"), 125),
        Arguments.of("forged session token", new JsonObject().put("username", "f")
            .put("password", "p").put("sessionToken", "r:abc"), 105));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSignUps")
  void signUpRefusals(String name, JsonObject body, int code) {
    expectError(request(HttpMethod.POST, "/users", body), 400, code);
  }

  @Test
  void usernamesAndEmailsAreUniqueIgnoringCase() {
    expect(request(HttpMethod.POST, "/users", new JsonObject().put("username", "Unique")
        .put("password", "p").put("email", "Unique@Example.com")), 201);
    expectError(request(HttpMethod.POST, "/users", new JsonObject().put("username", "unique")
        .put("password", "p")), 400, 202);
    expectError(request(HttpMethod.POST, "/users", new JsonObject().put("username", "other")
        .put("password", "p").put("email", "unique@example.com")), 400, 203);
  }

  @Test
  void logInWithBodyOrQueryAndWrongPasswordsLookAlike() {
    signUp("lena", "right");
    JsonObject user = expect(logIn("lena", "right"), 200);
    assertEquals("lena", user.getString("username"));
    assertTrue(user.getString("sessionToken").startsWith("r:"));
    assertFalse(user.encode().contains("hashed"));
    JsonObject viaQuery = expect(request(HttpMethod.GET, "/login?username=lena&password=right",
        null), 200);
    assertNotEquals(user.getString("sessionToken"), viaQuery.getString("sessionToken"));

    JsonObject wrong = expectError(logIn("lena", "wrong"), 404, 101);
    JsonObject unknown = expectError(logIn("nobody", "wrong"), 404, 101);
    assertEquals(wrong, unknown);
    expectError(request(HttpMethod.POST, "/login", new JsonObject().put("password", "x")), 400,
        200);
    expectError(request(HttpMethod.POST, "/login", new JsonObject().put("username", "lena")),
        400, 201);
  }

  @Test
  void passwordsAreStoredAsBcryptAndParseServerHashesLogIn() {
    String id = signUp("hashy", "pw1").getString("objectId");
    JsonObject doc = raw().user(id);
    assertTrue(doc.getString("_hashed_password").startsWith("$2"), doc.encode());
    // note: on PostgreSQL _User has a password column, as on Parse Server; it stays empty
    assertNull(doc.getValue("password"), doc.encode());
    assertFalse(expect(request(HttpMethod.GET, "/users/" + id, Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY), null), 200)
        .encode().contains("$2"), "not even the master key sees a hash");
    JsonObject session = raw().anySession();
    if (onPostgres()) {
      assertTrue(session.getString("sessionToken").startsWith("r:"), session.encode());
      assertEquals(10, session.getString("user").length(), "a pointer column holds the id");
    } else {
      assertTrue(session.getString("_session_token").startsWith("r:"));
      assertTrue(session.getString("_p_user").startsWith("_User$"));
    }

    String migrated = "migratd001";
    for (String[] row : new String[][] {{migrated, "parsey", PARSE_SERVER_HASH,
        "parse-made-password"}, {"migratd002", "bee", BCrypt.with(BCrypt.Version.VERSION_2B)
        .hashToString(4, "bee-pw".toCharArray()), "bee-pw"}, {"migratd003", "why",
        BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, "why-pw".toCharArray()),
        "why-pw"}}) {
      raw().insertUser(row[0], row[1], row[2], java.time.Instant.parse("2020-01-01T00:00:00Z"));
      assertEquals(row[0], expect(logIn(row[1], row[3]), 200).getString("objectId"), row[2]);
    }
  }

  @Test
  void verifyPasswordChecksWithoutASession() {
    signUp("checker", "pw");
    JsonObject user = expect(request(HttpMethod.POST, "/verifyPassword", new JsonObject()
        .put("username", "checker").put("password", "pw")), 200);
    assertEquals("checker", user.getString("username"));
    assertFalse(user.containsKey("sessionToken"));
    expectError(request(HttpMethod.GET, "/verifyPassword?username=checker&password=no", null),
        404, 101);
  }

  @Test
  void aSecondGatewaySeesALogOutAtOnce() {
    io.parsevertx.gateway.GatewayVerticle second = new io.parsevertx.gateway.GatewayVerticle();
    suite.vertx().deployVerticle(second, new io.vertx.core.DeploymentOptions()
        .setConfig(suite.options().copy().put("port", 0).put("cacheTTL", 600_000))).await();
    String token = signUp("twogates", "pw").getString("sessionToken");
    String secondUrl = "http://localhost:" + second.actualPort() + "/parse/users/me";
    assertEquals(200, client.getAbs(secondUrl).putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.SESSION_TOKEN, token).send().await().statusCode());
    expect(request(HttpMethod.POST, "/logout", session(token), new JsonObject()), 200);
    var after = client.getAbs(secondUrl).putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.SESSION_TOKEN, token).send().await();
    assertEquals(209, after.bodyAsJsonObject().getInteger("code"), "cached for 10 minutes, "
        + "yet dropped by the logout event");
  }

  @Test
  void invalidTokensAre209OnAnyRoute() {
    expectError(request(HttpMethod.GET, "/users/me", session("r:nope"), null), 400, 209);
    expectError(request(HttpMethod.GET, "/classes/Anything", session("r:nope"), null), 400, 209);
    expectError(request(HttpMethod.GET, "/users/me", null), 400, 209);
  }

  @Test
  void logOutEndsTheSessionAtOnce() {
    String token = signUp("leaver", "pw").getString("sessionToken");
    expect(request(HttpMethod.GET, "/classes/Anything", session(token), null), 200);
    assertEquals(new JsonObject(), expect(request(HttpMethod.POST, "/logout", session(token),
        new JsonObject()), 200));
    expectError(request(HttpMethod.GET, "/classes/Anything", session(token), null), 400, 209);
  }

  @Test
  void onlyTheUserChangesItselfAndANewPasswordEndsOtherSessions() {
    JsonObject alice = signUp("alice2", "old");
    String aliceId = alice.getString("objectId");
    String first = alice.getString("sessionToken");
    String second = expect(logIn("alice2", "old"), 200).getString("sessionToken");
    String bob = signUp("bob2", "pw").getString("sessionToken");

    expectError(request(HttpMethod.PUT, "/users/" + aliceId, session(bob),
        new JsonObject().put("nick", "x")), 400, 206);
    expectError(request(HttpMethod.DELETE, "/users/" + aliceId, session(bob), null), 400, 206);
    expectError(request(HttpMethod.PUT, "/users/" + aliceId, new JsonObject().put("nick", "x")),
        400, 206);

    expect(request(HttpMethod.PUT, "/users/" + aliceId, session(first),
        new JsonObject().put("password", "new").put("nick", "al")), 200);
    expectError(logIn("alice2", "old"), 404, 101);
    expect(logIn("alice2", "new"), 200);
    expect(request(HttpMethod.GET, "/users/me", session(first), null), 200);
    expectError(request(HttpMethod.GET, "/users/me", session(second), null), 400, 209);
    assertEquals("al", expect(request(HttpMethod.GET, "/users/me", session(first), null), 200)
        .getString("nick"));
    expectError(request(HttpMethod.PUT, "/users/" + aliceId, session(first),
        new JsonObject().put("username", "BOB2")), 400, 202);
  }

  @Test
  void deletingAUserEndsItsSessions() {
    JsonObject gone = signUp("gone", "pw");
    String token = gone.getString("sessionToken");
    assertEquals(new JsonObject(), expect(request(HttpMethod.DELETE, "/users/"
        + gone.getString("objectId"), session(token), null), 200));
    expectError(request(HttpMethod.GET, "/classes/Anything", session(token), null), 400, 209);
    expectError(logIn("gone", "pw"), 404, 101);
  }

  @Test
  void sessionsOfTheCaller() {
    JsonObject user = signUp("sessy", "pw");
    String token = user.getString("sessionToken");
    String other = expect(logIn("sessy", "pw"), 200).getString("sessionToken");
    JsonObject me = expect(request(HttpMethod.GET, "/sessions/me", session(token), null), 200);
    assertEquals(token, me.getString("sessionToken"));
    assertEquals(user.getString("objectId"), me.getJsonObject("user").getString("objectId"));
    assertEquals("signup", me.getJsonObject("createdWith").getString("action"));
    JsonArray mine = expect(request(HttpMethod.GET, "/sessions", session(token), null), 200)
        .getJsonArray("results");
    assertEquals(2, mine.size());
    String otherId = mine.stream().map(s -> (JsonObject) s)
        .filter(s -> other.equals(s.getString("sessionToken"))).findFirst().orElseThrow()
        .getString("objectId");
    String strangers = signUp("stranger", "pw").getString("sessionToken");
    expectError(request(HttpMethod.DELETE, "/sessions/" + otherId, session(strangers), null),
        404, 101);
    expectError(request(HttpMethod.PUT, "/sessions/" + otherId, session(strangers),
        new JsonObject().put("device", "x")), 404, 101);
    expectError(request(HttpMethod.PUT, "/sessions/" + otherId, session(token),
        new JsonObject().put("sessionToken", "r:mine")), 400, 105);
    expect(request(HttpMethod.PUT, "/sessions/" + otherId, session(token),
        new JsonObject().put("device", "tablet")), 200);
    assertEquals("tablet", expect(request(HttpMethod.GET, "/sessions/me", session(other), null),
        200).getString("device"));
    expect(request(HttpMethod.DELETE, "/sessions/" + otherId, session(token), null), 200);
    expectError(request(HttpMethod.GET, "/users/me", session(other), null), 400, 209);
  }

  @Test
  void classesRouteForUsersSignsUpAndNeverStoresAPassword() {
    JsonObject created = expect(request(HttpMethod.POST, "/classes/_User", new JsonObject()
        .put("username", "viaclasses").put("password", "pw")), 201);
    assertTrue(created.containsKey("sessionToken"));
    expect(logIn("viaclasses", "pw"), 200);
    JsonArray batch = request(HttpMethod.POST, "/batch", new JsonObject().put("requests",
        new JsonArray().add(new JsonObject().put("method", "POST").put("path",
            "/parse/classes/_User").put("body", new JsonObject().put("username", "viabatch")
            .put("password", "pw"))))).bodyAsJsonArray();
    assertTrue(batch.getJsonObject(0).getJsonObject("success").containsKey("sessionToken"));
    expect(logIn("viabatch", "pw"), 200);
  }

  @Test
  void anonymousUsersSignUpAndComeBack() {
    JsonObject authData = new JsonObject().put("authData", new JsonObject().put("anonymous",
        new JsonObject().put("id", "8f7e0c2a-anon")));
    var first = request(HttpMethod.POST, "/users", authData);
    JsonObject created = expect(first, 201);
    assertTrue(created.getString("sessionToken").startsWith("r:"));
    assertEquals(25, created.getString("username").length());
    var again = request(HttpMethod.POST, "/users", authData);
    JsonObject loggedIn = expect(again, 200);
    assertEquals(created.getString("objectId"), loggedIn.getString("objectId"));
    assertFalse(loggedIn.containsKey("__status"));
    assertNotEquals(created.getString("sessionToken"), loggedIn.getString("sessionToken"));
    assertEquals("8f7e0c2a-anon", expect(request(HttpMethod.GET, "/users/me",
        session(loggedIn.getString("sessionToken")), null), 200).getJsonObject("authData")
        .getJsonObject("anonymous").getString("id"));
    expectError(request(HttpMethod.POST, "/users", new JsonObject().put("authData",
        new JsonObject().put("facebook", new JsonObject().put("id", "1")))), 400, 252);
    expectError(request(HttpMethod.POST, "/users", new JsonObject().put("authData",
        new JsonObject().put("anonymous", new JsonObject()))), 400, 250);
  }

  @Test
  void anAnonymousUserThatSetsAPasswordBecomesARegularOne() {
    JsonObject authData = new JsonObject().put("authData", new JsonObject().put("anonymous",
        new JsonObject().put("id", "to-be-upgraded")));
    JsonObject anonymous = expect(request(HttpMethod.POST, "/users", authData), 201);
    expect(request(HttpMethod.PUT, "/users/" + anonymous.getString("objectId"),
        session(anonymous.getString("sessionToken")), new JsonObject()
            .put("username", "upgraded-user").put("password", "pw")), 200);
    assertEquals(anonymous.getString("objectId"), expect(logIn("upgraded-user", "pw"), 200)
        .getString("objectId"));
    JsonObject again = expect(request(HttpMethod.POST, "/users", authData), 201);
    assertNotEquals(anonymous.getString("objectId"), again.getString("objectId"),
        "the anonymous id no longer opens the upgraded account");
  }

  @Test
  void upgradeToRevocableSessionGivesAFreshSession() {
    String token = signUp("upgrader", "pw").getString("sessionToken");
    JsonObject upgraded = expect(request(HttpMethod.POST, "/upgradeToRevocableSession",
        session(token), new JsonObject()), 200);
    assertTrue(upgraded.getString("sessionToken").startsWith("r:"));
    assertEquals("upgrade", upgraded.getJsonObject("createdWith").getString("action"));
    expectError(request(HttpMethod.POST, "/upgradeToRevocableSession", new JsonObject()), 400,
        209);
  }
}
