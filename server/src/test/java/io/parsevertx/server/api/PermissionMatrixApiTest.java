package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Operation × principal × mechanism, row by row, with the security guide's Photo (CLP and ACL
 * both apply) and Post (pointer permission and ACL both apply) examples and the special rules of
 * {@code _User}, {@code _Session} and {@code _Installation}. Every object-level denial must look
 * exactly like a missing object.
 */
class PermissionMatrixApiTest extends ApiTestBase {
  private static final Map<String, String> TOKENS = new HashMap<>();
  private static final Map<String, String> IDS = new HashMap<>();

  @BeforeAll
  static void world() {
    for (String name : new String[] {"user1", "user2", "poster", "viewer", "hermit"}) {
      JsonObject user = expect(request(HttpMethod.POST, "/users", new JsonObject()
          .put("username", "pm-" + name).put("password", "pw")), 201);
      TOKENS.put(name, user.getString("sessionToken"));
      IDS.put(name, user.getString("objectId"));
    }
    // Photo: Get CLP allows only user1; the object's ACL lets only user2 read.
    schema("Photo", "{'get':{'" + IDS.get("user1") + "':true},'find':{'*':true},'count':{'*':true}"
        + ",'create':{'*':true},'update':{'*':true},'delete':{'*':true},'addField':{'*':true}}");
    IDS.put("photo", created("Photo", new JsonObject().put("title", "p")
        .put("ACL", acl(IDS.get("user2"), "read"))));
    // Post: pointer permission on creator; the ACL gives read to viewer only.
    schema("Post", "{'get':{},'find':{},'count':{},'create':{'*':true},'update':{},'delete':{},"
        + "'addField':{'*':true},'readUserFields':['creator'],'writeUserFields':['creator']}");
    IDS.put("post", created("Post", new JsonObject().put("creator", pointer(IDS.get("poster")))
        .put("ACL", acl(IDS.get("viewer"), "read"))));
    IDS.put("installation", created("_Installation", new JsonObject()
        .put("installationId", "inst-1").put("deviceType", "ios")));
    created("_PushStatus", new JsonObject().put("status", "succeeded"));
    expect(request(HttpMethod.PUT, "/users/" + IDS.get("hermit"), as("hermit"),
        new JsonObject().put("ACL", new JsonObject())), 200);
  }

  static Stream<Arguments> matrix() {
    return Stream.of(
        row("Photo get by user1: CLP passes, ACL refuses", "user1", HttpMethod.GET,
            () -> "/classes/Photo/" + IDS.get("photo"), 404, 101),
        row("Photo get by user2: ACL would pass, CLP refuses", "user2", HttpMethod.GET,
            () -> "/classes/Photo/" + IDS.get("photo"), 400, 119),
        row("Photo get by master", "master", HttpMethod.GET,
            () -> "/classes/Photo/" + IDS.get("photo"), 200, null),
        row("Photo find by user2 sees it (find CLP public, ACL read)", "user2", HttpMethod.GET,
            () -> "/classes/Photo", 200, null),
        row("Post get by poster: pointer passes, ACL refuses", "poster", HttpMethod.GET,
            () -> "/classes/Post/" + IDS.get("post"), 404, 101),
        row("Post get by viewer: ACL would pass, pointer refuses", "viewer", HttpMethod.GET,
            () -> "/classes/Post/" + IDS.get("post"), 404, 101),
        row("Post update by poster: ACL gives no write", "poster", HttpMethod.PUT,
            () -> "/classes/Post/" + IDS.get("post"), 404, 101),
        row("Post find anonymous: no pointer to match", "anonymous", HttpMethod.GET,
            () -> "/classes/Post", 400, 119),
        row("Post get by master", "master", HttpMethod.GET,
            () -> "/classes/Post/" + IDS.get("post"), 200, null),
        row("_User update of another user", "user2", HttpMethod.PUT,
            () -> "/users/" + IDS.get("user1"), 400, 206),
        row("_User delete of another user", "user2", HttpMethod.DELETE,
            () -> "/users/" + IDS.get("user1"), 400, 206),
        row("_User update anonymous", "anonymous", HttpMethod.PUT,
            () -> "/users/" + IDS.get("user1"), 400, 206),
        row("_User get of a private user by another", "user2", HttpMethod.GET,
            () -> "/users/" + IDS.get("user1"), 404, 101),
        row("_User get of itself with an ACL that reads for no one", "hermit", HttpMethod.GET,
            () -> "/users/" + IDS.get("hermit"), 200, null),
        row("_User update of another by master", "master", HttpMethod.PUT,
            () -> "/users/" + IDS.get("user2"), 200, null),
        row("_Session delete of another user's session", "user2", HttpMethod.DELETE,
            () -> "/sessions/" + sessionIdOf("user1"), 404, 101),
        row("_Installation find without installationId", "anonymous", HttpMethod.GET,
            () -> "/classes/_Installation", 400, 119),
        row("_Installation find by installationId", "anonymous", HttpMethod.GET,
            () -> "/classes/_Installation?where=" + encode("{\"installationId\":\"inst-1\"}"),
            200, null),
        row("_Installation get follows the ACL", "anonymous", HttpMethod.GET,
            () -> "/classes/_Installation/" + IDS.get("installation"), 200, null),
        row("_Installation delete is master-only", "user1", HttpMethod.DELETE,
            () -> "/classes/_Installation/" + IDS.get("installation"), 400, 119),
        row("_Installation find by master", "master", HttpMethod.GET,
            () -> "/classes/_Installation", 200, null),
        row("_PushStatus find by a user", "user1", HttpMethod.GET,
            () -> "/classes/_PushStatus", 400, 119),
        row("_PushStatus find by master", "master", HttpMethod.GET,
            () -> "/classes/_PushStatus", 200, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void permission(String name, String principal, HttpMethod method, Supplier<String> path,
      int status, Integer code) {
    JsonObject body = method == HttpMethod.PUT ? new JsonObject().put("touched", true) : null;
    var response = request(method, path.get(), headers(principal), body);
    assertEquals(status, response.statusCode(), response.bodyAsString());
    if (code != null) {
      assertEquals(code, response.bodyAsJsonObject().getInteger("code"));
    }
    if (status == 404) {
      String missing = path.get().replaceAll("/[A-Za-z0-9]{10}$", "/missing000");
      assertEquals(response.bodyAsJsonObject(), request(method, missing, headers(principal),
          body).bodyAsJsonObject(), "a denial must not tell a hidden object from a missing one");
    }
  }

  @Test
  void findOverUsersAlwaysIncludesTheCaller() {
    JsonArray seen = expect(request(HttpMethod.GET, "/users", headers("hermit"), null), 200)
        .getJsonArray("results");
    assertEquals(1, seen.size());
    assertEquals("pm-hermit", seen.getJsonObject(0).getString("username"));
  }

  private static Arguments row(String name, String principal, HttpMethod method,
      Supplier<String> path, int status, Integer code) {
    return Arguments.of(name, principal, method, path, status, code);
  }

  private static Map<String, String> headers(String principal) {
    return switch (principal) {
      case "anonymous" -> Map.of(ParseHeaders.APPLICATION_ID, APP_ID);
      case "master" -> Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.MASTER_KEY,
          MASTER_KEY);
      default -> as(principal);
    };
  }

  private static Map<String, String> as(String user) {
    return Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN,
        TOKENS.get(user));
  }

  private static String sessionIdOf(String user) {
    return expect(request(HttpMethod.GET, "/sessions/me", as(user), null), 200)
        .getString("objectId");
  }

  private static void schema(String className, String clp) {
    expect(request(HttpMethod.POST, "/schemas/" + className, headers("master"),
        new JsonObject().put("classLevelPermissions", new JsonObject(clp.replace('\'', '"')))),
        200);
  }

  private static String created(String className, JsonObject object) {
    return expect(request(HttpMethod.POST, "/classes/" + className, headers("master"), object),
        201).getString("objectId");
  }

  private static JsonObject acl(String userId, String permission) {
    return new JsonObject().put(userId, new JsonObject().put(permission, true));
  }

  private static JsonObject pointer(String userId) {
    return new JsonObject().put("__type", "Pointer").put("className", "_User")
        .put("objectId", userId);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
