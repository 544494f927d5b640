package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Class-level permissions enforced per operation, with user ids, roles and pointer fields. */
class ClpApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);
  private static String ann;
  private static String annId;
  private static String ben;
  private static String benId;

  @BeforeAll
  static void users() {
    JsonObject a = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "clp-ann").put("password", "pw")), 201);
    ann = a.getString("sessionToken");
    annId = a.getString("objectId");
    JsonObject b = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "clp-ben").put("password", "pw")), 201);
    ben = b.getString("sessionToken");
    benId = b.getString("objectId");
  }

  private static Map<String, String> as(String token) {
    return Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN, token);
  }

  private static void clp(String className, String json, String fields) {
    expect(request(HttpMethod.POST, "/schemas/" + className, MASTER, new JsonObject()
        .put("fields", new JsonObject(fields)).put("classLevelPermissions",
            new JsonObject(json.replace('\'', '"')))), 200);
  }

  @Test
  void readOnlyClassForClients() {
    clp("Catalog", "{'find':{'*':true},'get':{'*':true},'count':{'*':true},'create':{},"
        + "'update':{},'delete':{},'addField':{}}", "{\"n\":{\"type\":\"Number\"}}");
    String id = expect(request(HttpMethod.POST, "/classes/Catalog", MASTER,
        new JsonObject().put("n", 1)), 201).getString("objectId");
    expect(request(HttpMethod.GET, "/classes/Catalog/" + id, null), 200);
    expect(request(HttpMethod.GET, "/classes/Catalog?count=1", null), 200);
    expectError(request(HttpMethod.POST, "/classes/Catalog", as(ann),
        new JsonObject().put("n", 2)), 400, 119);
    expectError(request(HttpMethod.PUT, "/classes/Catalog/" + id, as(ann),
        new JsonObject().put("n", 2)), 400, 119);
    expectError(request(HttpMethod.DELETE, "/classes/Catalog/" + id, null), 400, 119);
  }

  @Test
  void requiresAuthenticationAndUserEntries() {
    clp("Members", "{'find':{'requiresAuthentication':true},'get':{'requiresAuthentication':true},"
        + "'create':{'" + annId + "':true},'addField':{'" + annId + "':true},'update':{},"
        + "'delete':{},'count':{'*':true}}", "{}");
    expectError(request(HttpMethod.GET, "/classes/Members", null), 404, 101);
    expect(request(HttpMethod.GET, "/classes/Members", as(ben), null), 200);
    expect(request(HttpMethod.POST, "/classes/Members", as(ann), new JsonObject()
        .put("joined", true)), 201);
    expectError(request(HttpMethod.POST, "/classes/Members", as(ben), new JsonObject()
        .put("joined", true)), 400, 119);
  }

  @Test
  void addFieldCanBeDeniedWhileCreateIsAllowed() {
    clp("Fixed", "{'create':{'*':true},'find':{'*':true},'get':{'*':true},'count':{'*':true},"
        + "'update':{'*':true},'delete':{'*':true},'addField':{}}",
        "{\"a\":{\"type\":\"String\"}}");
    expect(request(HttpMethod.POST, "/classes/Fixed", new JsonObject().put("a", "ok")), 201);
    expectError(request(HttpMethod.POST, "/classes/Fixed", new JsonObject().put("a", "ok")
        .put("extra", 1)), 400, 119);
  }

  @Test
  void pointerPermissionsLimitToObjectsPointingAtTheCaller() {
    clp("Diary", "{'create':{'*':true},'find':{},'get':{},'count':{},'update':{},'delete':{},"
        + "'addField':{'*':true},'readUserFields':['owner'],'writeUserFields':['owner']}",
        "{\"owner\":{\"type\":\"Pointer\",\"targetClass\":\"_User\"}}");
    String annsEntry = expect(request(HttpMethod.POST, "/classes/Diary", as(ann), new JsonObject()
        .put("text", "dear diary").put("owner", new JsonObject().put("__type", "Pointer")
            .put("className", "_User").put("objectId", annId))), 201).getString("objectId");
    expect(request(HttpMethod.POST, "/classes/Diary", as(ben), new JsonObject()
        .put("text", "ben's").put("owner", new JsonObject().put("__type", "Pointer")
            .put("className", "_User").put("objectId", benId))), 201);
    JsonArray annSees = expect(request(HttpMethod.GET, "/classes/Diary", as(ann), null), 200)
        .getJsonArray("results");
    assertEquals(1, annSees.size());
    assertEquals("dear diary", annSees.getJsonObject(0).getString("text"));
    expectError(request(HttpMethod.GET, "/classes/Diary/" + annsEntry, as(ben), null), 404, 101);
    expectError(request(HttpMethod.PUT, "/classes/Diary/" + annsEntry, as(ben),
        new JsonObject().put("text", "x")), 404, 101);
    expect(request(HttpMethod.PUT, "/classes/Diary/" + annsEntry, as(ann),
        new JsonObject().put("text", "y")), 200);
    expectError(request(HttpMethod.GET, "/classes/Diary", null), 400, 119);
    assertEquals(2, expect(request(HttpMethod.GET, "/classes/Diary", MASTER, null), 200)
        .getJsonArray("results").size());
  }
}
