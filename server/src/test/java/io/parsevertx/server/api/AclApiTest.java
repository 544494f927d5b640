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

/**
 * Object ACLs with users and roles: reads are filtered in the query, so counts and pages stay
 * right, and an object the caller may not read or write answers exactly like a missing one.
 */
class AclApiTest extends ApiTestBase {
  private static String alice;
  private static String bob;
  private static String carol;
  private static String aliceId;
  private static String bobId;

  @BeforeAll
  static void users() {
    JsonObject a = signUp("acl-alice");
    alice = a.getString("sessionToken");
    aliceId = a.getString("objectId");
    JsonObject b = signUp("acl-bob");
    bob = b.getString("sessionToken");
    bobId = b.getString("objectId");
    carol = signUp("acl-carol").getString("sessionToken");
  }

  private static JsonObject signUp(String name) {
    return expect(request(HttpMethod.POST, "/users", new JsonObject().put("username", name)
        .put("password", "pw")), 201);
  }

  private static Map<String, String> as(String token) {
    return Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN, token);
  }

  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);

  private static JsonObject acl(String... entries) {
    JsonObject acl = new JsonObject();
    for (int i = 0; i < entries.length; i += 2) {
      JsonObject perms = new JsonObject();
      if (entries[i + 1].contains("r")) {
        perms.put("read", true);
      }
      if (entries[i + 1].contains("w")) {
        perms.put("write", true);
      }
      acl.put(entries[i], perms);
    }
    return acl;
  }

  private static String createAs(String token, String className, JsonObject object) {
    return expect(request(HttpMethod.POST, "/classes/" + className, as(token), object), 201)
        .getString("objectId");
  }

  @Test
  void privateObjectsLookMissing() {
    String id = createAs(alice, "Note", new JsonObject().put("text", "mine")
        .put("ACL", acl(aliceId, "rw")));
    expect(request(HttpMethod.GET, "/classes/Note/" + id, as(alice), null), 200);
    expect(request(HttpMethod.GET, "/classes/Note/" + id, MASTER, null), 200);
    JsonObject missing = expectError(request(HttpMethod.GET, "/classes/Note/nothere00", null),
        404, 101);
    assertEquals(missing, expectError(request(HttpMethod.GET, "/classes/Note/" + id, null), 404,
        101));
    expectError(request(HttpMethod.GET, "/classes/Note/" + id, as(bob), null), 404, 101);
    expectError(request(HttpMethod.PUT, "/classes/Note/" + id, as(bob),
        new JsonObject().put("text", "hacked")), 404, 101);
    expectError(request(HttpMethod.DELETE, "/classes/Note/" + id, as(bob), null), 404, 101);
    assertEquals("mine", expect(request(HttpMethod.GET, "/classes/Note/" + id, as(alice), null),
        200).getString("text"));
  }

  @Test
  void countsAndPagesCountOnlyReadableObjects() {
    for (int i = 0; i < 3; i++) {
      createAs(alice, "Paged", new JsonObject().put("i", i));
      createAs(alice, "Paged", new JsonObject().put("i", 10 + i).put("ACL", acl(aliceId, "rw")));
    }
    assertEquals(3, expect(request(HttpMethod.GET, "/classes/Paged?count=1&limit=0", null), 200)
        .getInteger("count"));
    assertEquals(6, expect(request(HttpMethod.GET, "/classes/Paged?count=1&limit=0", as(alice),
        null), 200).getInteger("count"));
    JsonArray page = expect(request(HttpMethod.GET, "/classes/Paged?order=i&limit=2&skip=1",
        as(bob), null), 200).getJsonArray("results");
    assertEquals(2, page.size());
    assertEquals(1, page.getJsonObject(0).getInteger("i"));
  }

  @Test
  void publicReadOwnerWrite() {
    String id = createAs(alice, "Post", new JsonObject().put("title", "t")
        .put("ACL", acl("*", "r", aliceId, "w")));
    expect(request(HttpMethod.GET, "/classes/Post/" + id, as(bob), null), 200);
    expectError(request(HttpMethod.PUT, "/classes/Post/" + id, as(bob),
        new JsonObject().put("title", "x")), 404, 101);
    expect(request(HttpMethod.PUT, "/classes/Post/" + id, as(alice),
        new JsonObject().put("title", "y")), 200);
    expectError(request(HttpMethod.DELETE, "/classes/Post/" + id, null), 404, 101);
    expect(request(HttpMethod.DELETE, "/classes/Post/" + id, as(alice), null), 200);
  }

  @Test
  void rolesGrantTheirUsersAndTheUsersOfRolesBelow() {
    JsonObject editors = new JsonObject().put("name", "editors").put("ACL", acl("*", "r"))
        .put("users", new JsonObject().put("__op", "AddRelation").put("objects",
            new JsonArray().add(pointer("_User", bobId))));
    String editorsId = expect(request(HttpMethod.POST, "/classes/_Role", MASTER, editors), 201)
        .getString("objectId");
    expect(request(HttpMethod.POST, "/classes/_Role", MASTER, new JsonObject()
        .put("name", "chiefs").put("ACL", acl("*", "r")).put("roles", new JsonObject()
            .put("__op", "AddRelation").put("objects", new JsonArray()
                .add(pointer("_Role", editorsId))))), 201);
    String forEditors = createAs(alice, "Draft", new JsonObject().put("v", 1)
        .put("ACL", acl("role:editors", "rw")));
    String forChiefs = createAs(alice, "Draft", new JsonObject().put("v", 2)
        .put("ACL", acl("role:chiefs", "r")));
    expect(request(HttpMethod.GET, "/classes/Draft/" + forEditors, as(bob), null), 200);
    expect(request(HttpMethod.PUT, "/classes/Draft/" + forEditors, as(bob),
        new JsonObject().put("v", 3)), 200);
    expect(request(HttpMethod.GET, "/classes/Draft/" + forChiefs, as(bob), null), 200);
    expectError(request(HttpMethod.GET, "/classes/Draft/" + forEditors, as(carol), null), 404,
        101);
    expectError(request(HttpMethod.GET, "/classes/Draft/" + forEditors, as(alice), null), 404,
        101);
  }

  @Test
  void roleNamesAreValidatedUniqueAndImmutable() {
    expectError(request(HttpMethod.POST, "/classes/_Role", MASTER, new JsonObject()
        .put("name", "bad/name").put("ACL", acl("*", "r"))), 400, 139);
    expectError(request(HttpMethod.POST, "/classes/_Role", MASTER, new JsonObject()
        .put("ACL", acl("*", "r"))), 400, 139);
    String id = expect(request(HttpMethod.POST, "/classes/_Role", MASTER, new JsonObject()
        .put("name", "Unique Role-1").put("ACL", acl("*", "r"))), 201).getString("objectId");
    expectError(request(HttpMethod.POST, "/classes/_Role", MASTER, new JsonObject()
        .put("name", "Unique Role-1").put("ACL", acl("*", "r"))), 400, 137);
    expectError(request(HttpMethod.PUT, "/classes/_Role/" + id, MASTER, new JsonObject()
        .put("name", "renamed")), 400, 136);
  }

  @Test
  void includesAndSubQueriesSeeOnlyReadableObjects() {
    String secret = createAs(alice, "Secret", new JsonObject().put("code", 42)
        .put("ACL", acl(aliceId, "r")));
    createAs(alice, "Ref", new JsonObject().put("to", pointer("Secret", secret)));
    JsonObject anonymous = expect(request(HttpMethod.GET, "/classes/Ref?include=to", null), 200)
        .getJsonArray("results").getJsonObject(0);
    assertEquals("Pointer", anonymous.getJsonObject("to").getString("__type"));
    assertFalse(anonymous.getJsonObject("to").containsKey("code"));
    JsonObject owner = expect(request(HttpMethod.GET, "/classes/Ref?include=to", as(alice),
        null), 200).getJsonArray("results").getJsonObject(0);
    assertEquals(42, owner.getJsonObject("to").getInteger("code"));

    String where = URLEncoder.encode("{\"to\":{\"$inQuery\":{\"className\":\"Secret\","
        + "\"where\":{\"code\":42}}}}", StandardCharsets.UTF_8);
    assertEquals(0, expect(request(HttpMethod.GET, "/classes/Ref?where=" + where, null), 200)
        .getJsonArray("results").size());
    assertEquals(1, expect(request(HttpMethod.GET, "/classes/Ref?where=" + where, as(alice),
        null), 200).getJsonArray("results").size());
  }

  @Test
  void privateUsersAreHiddenFromOthers() {
    JsonArray seenByAnonymous = expect(request(HttpMethod.GET, "/users", null), 200)
        .getJsonArray("results");
    assertEquals(0, seenByAnonymous.size(), seenByAnonymous::encode);
    JsonArray seenByAlice = expect(request(HttpMethod.GET, "/users", as(alice), null), 200)
        .getJsonArray("results");
    assertEquals(1, seenByAlice.size());
    assertEquals("acl-alice", seenByAlice.getJsonObject(0).getString("username"));
    expectError(request(HttpMethod.GET, "/users/" + aliceId, as(bob), null), 404, 101);
  }

  private static JsonObject pointer(String className, String objectId) {
    return new JsonObject().put("__type", "Pointer").put("className", className)
        .put("objectId", objectId);
  }
}
