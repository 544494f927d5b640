package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** protectedFields: users' email hidden from others by default; per-class rules with roles. */
class ProtectedFieldsApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);
  private static String dana;
  private static String danaId;
  private static String eli;
  private static String eliId;

  @BeforeAll
  static void publicUsers() {
    JsonObject d = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "pf-dana").put("password", "pw").put("email", "dana@example.com")), 201);
    dana = d.getString("sessionToken");
    danaId = d.getString("objectId");
    JsonObject e = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "pf-eli").put("password", "pw").put("email", "eli@example.com")), 201);
    eli = e.getString("sessionToken");
    eliId = e.getString("objectId");
    expect(request(HttpMethod.PUT, "/users/" + danaId, as(dana), new JsonObject().put("ACL",
        new JsonObject().put("*", new JsonObject().put("read", true)).put(danaId,
            new JsonObject().put("read", true).put("write", true)))), 200);
  }

  private static Map<String, String> as(String token) {
    return Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN, token);
  }

  @Test
  void emailIsHiddenFromEveryoneButTheUserAndTheMasterKey() {
    JsonObject seenByEli = expect(request(HttpMethod.GET, "/users/" + danaId, as(eli), null), 200);
    assertEquals("pf-dana", seenByEli.getString("username"));
    assertFalse(seenByEli.containsKey("email"));
    assertEquals("dana@example.com", expect(request(HttpMethod.GET, "/users/" + danaId, as(dana),
        null), 200).getString("email"));
    assertEquals("dana@example.com", expect(request(HttpMethod.GET, "/users/" + danaId, MASTER,
        null), 200).getString("email"));
  }

  @Test
  void protectedFieldsCannotBeProbed() {
    String where = URLEncoder.encode("{\"email\":{\"$regex\":\"^dana\"}}", StandardCharsets.UTF_8);
    expectError(request(HttpMethod.GET, "/users?where=" + where, as(eli), null), 400, 119);
    String inOr = URLEncoder.encode("{\"$or\":[{\"username\":\"x\"},{\"email\":\"dana@example."
        + "com\"}]}", StandardCharsets.UTF_8);
    expectError(request(HttpMethod.GET, "/users?where=" + inOr, as(eli), null), 400, 119);
    expectError(request(HttpMethod.GET, "/users?order=email", as(eli), null), 400, 119);
    expect(request(HttpMethod.GET, "/users?where=" + where, MASTER, null), 200);
  }

  @Test
  void includedUsersAreProtectedToo() {
    expect(request(HttpMethod.POST, "/classes/Article", as(eli), new JsonObject().put("author",
        new JsonObject().put("__type", "Pointer").put("className", "_User")
            .put("objectId", danaId))), 201);
    JsonObject article = expect(request(HttpMethod.GET, "/classes/Article?include=author",
        as(eli), null), 200).getJsonArray("results").getJsonObject(0);
    assertEquals("pf-dana", article.getJsonObject("author").getString("username"));
    assertFalse(article.getJsonObject("author").containsKey("email"));
  }

  @Test
  void classRulesWithARoleThatSeesMore() {
    expect(request(HttpMethod.POST, "/classes/_Role", MASTER, new JsonObject()
        .put("name", "auditors").put("ACL", new JsonObject().put("*", new JsonObject()
            .put("read", true))).put("users", new JsonObject().put("__op", "AddRelation")
            .put("objects", new JsonArray().add(new JsonObject().put("__type", "Pointer")
                .put("className", "_User").put("objectId", eliId))))), 201);
    expect(request(HttpMethod.POST, "/schemas/Vault", MASTER, new JsonObject()
        .put("classLevelPermissions", new JsonObject("{\"find\":{\"*\":true},\"get\":{\"*\":"
            + "true},\"count\":{\"*\":true},\"create\":{\"*\":true},\"update\":{\"*\":true},"
            + "\"delete\":{\"*\":true},\"addField\":{\"*\":true},\"protectedFields\":{\"*\":"
            + "[\"secret\",\"pin\"],\"role:auditors\":[\"pin\"]}}"))), 200);
    expect(request(HttpMethod.POST, "/classes/Vault", new JsonObject().put("secret", "s")
        .put("pin", 1234).put("label", "box")), 201);
    JsonObject anonymous = expect(request(HttpMethod.GET, "/classes/Vault", null), 200)
        .getJsonArray("results").getJsonObject(0);
    assertEquals("box", anonymous.getString("label"));
    assertFalse(anonymous.containsKey("secret"));
    assertFalse(anonymous.containsKey("pin"));
    JsonObject auditor = expect(request(HttpMethod.GET, "/classes/Vault", as(eli), null), 200)
        .getJsonArray("results").getJsonObject(0);
    assertEquals("s", auditor.getString("secret"));
    assertFalse(auditor.containsKey("pin"));
  }

  @Test
  void userFieldEntriesRevealFieldsToTheUserTheObjectPointsAt() {
    expect(request(HttpMethod.POST, "/schemas/Profile", MASTER, new JsonObject()
        .put("classLevelPermissions", new JsonObject("{\"find\":{\"*\":true},\"get\":{\"*\":"
            + "true},\"count\":{\"*\":true},\"create\":{\"*\":true},\"update\":{\"*\":true},"
            + "\"delete\":{\"*\":true},\"addField\":{\"*\":true},\"protectedFields\":{\"*\":"
            + "[\"phone\"],\"userField:owner\":[]}}"))), 200);
    expect(request(HttpMethod.POST, "/classes/Profile", new JsonObject().put("phone", "555")
        .put("owner", new JsonObject().put("__type", "Pointer").put("className", "_User")
            .put("objectId", eliId))), 201);
    JsonObject byOwner = expect(request(HttpMethod.GET, "/classes/Profile", as(eli), null), 200)
        .getJsonArray("results").getJsonObject(0);
    assertEquals("555", byOwner.getString("phone"));
    JsonObject byOther = expect(request(HttpMethod.GET, "/classes/Profile", as(dana), null), 200)
        .getJsonArray("results").getJsonObject(0);
    assertFalse(byOther.containsKey("phone"));
  }
}
