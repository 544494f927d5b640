package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /schemas} over HTTP. */
class SchemasApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);

  private static HttpResponse<Buffer> schemas(HttpMethod method, String path, Object body) {
    return request(method, "/schemas" + path, MASTER, body);
  }

  private static JsonObject fields(String json) {
    return new JsonObject().put("fields", new JsonObject(json.replace('\'', '"')));
  }

  @Test
  void masterKeyIsRequired() {
    var response = request(HttpMethod.GET, "/schemas", null);
    assertEquals(403, response.statusCode());
    assertEquals(new JsonObject().put("error", "unauthorized: master key is required"),
        response.bodyAsJsonObject());
    assertEquals(403, request(HttpMethod.POST, "/schemas/X", new JsonObject()).statusCode());
  }

  @Test
  void createReadListAndDrop() {
    JsonObject created = expect(schemas(HttpMethod.POST, "/Game", fields("{'score':{'type':"
        + "'Number'},'owner':{'type':'Pointer','targetClass':'_User'},'tags':{'type':'Array'}}")),
        200);
    assertEquals("Game", created.getString("className"));
    JsonObject f = created.getJsonObject("fields");
    assertEquals(new JsonObject().put("type", "Pointer").put("targetClass", "_User"),
        f.getJsonObject("owner"));
    for (String builtIn : new String[] {"objectId", "createdAt", "updatedAt", "ACL"}) {
      assertTrue(f.containsKey(builtIn), builtIn);
    }
    assertEquals(new JsonObject().put("*", true),
        created.getJsonObject("classLevelPermissions").getJsonObject("find"));
    assertEquals(created, expect(schemas(HttpMethod.GET, "/Game", null), 200));
    assertTrue(expect(schemas(HttpMethod.GET, "", null), 200).getJsonArray("results").stream()
        .anyMatch(s -> "Game".equals(((JsonObject) s).getString("className"))));
    expectError(schemas(HttpMethod.POST, "/Game", fields("{}")), 400, 103);

    String id = expect(request(HttpMethod.POST, "/classes/Game",
        new JsonObject().put("score", 1)), 201).getString("objectId");
    expectError(schemas(HttpMethod.DELETE, "/Game", null), 400, 255);
    expect(request(HttpMethod.DELETE, "/classes/Game/" + id, null), 200);
    assertEquals(new JsonObject(), expect(schemas(HttpMethod.DELETE, "/Game", null), 200));
    expectError(schemas(HttpMethod.GET, "/Game", null), 400, 103);
  }

  @Test
  void writesFollowADeclaredSchema() {
    expect(schemas(HttpMethod.POST, "/Declared", fields("{'n':{'type':'Number'}}")), 200);
    expectError(request(HttpMethod.POST, "/classes/Declared", new JsonObject().put("n", "x")),
        400, 111);
  }

  @Test
  void addAndDeleteFields() {
    expect(schemas(HttpMethod.POST, "/Shape", fields("{'a':{'type':'String'}}")), 200);
    String id = expect(request(HttpMethod.POST, "/classes/Shape",
        new JsonObject().put("a", "x").put("b", 1)), 201).getString("objectId");
    JsonObject changed = expect(schemas(HttpMethod.PUT, "/Shape",
        fields("{'c':{'type':'Date'},'a':{'__op':'Delete'}}")), 200);
    assertTrue(changed.getJsonObject("fields").containsKey("c"));
    assertFalse(changed.getJsonObject("fields").containsKey("a"));
    JsonObject object = expect(request(HttpMethod.GET, "/classes/Shape/" + id, null), 200);
    assertFalse(object.containsKey("a"), "deleting a field deletes its values");
    assertEquals(1, object.getInteger("b"));
    expect(request(HttpMethod.PUT, "/classes/Shape/" + id, new JsonObject().put("a", 5)), 200);
    expectError(schemas(HttpMethod.PUT, "/Shape", fields("{'b':{'type':'Number'}}")), 400, 255);
    expectError(schemas(HttpMethod.PUT, "/Shape", fields("{'zz':{'__op':'Delete'}}")), 400, 255);
    expectError(schemas(HttpMethod.PUT, "/Nope", fields("{}")), 400, 103);
  }

  @Test
  void classLevelPermissionsAreStored() {
    JsonObject clp = new JsonObject("{\"find\":{\"*\":true},\"get\":{\"requiresAuthentication\":"
        + "true},\"create\":{\"role:admin\":true},\"update\":{},\"delete\":{},\"count\":{},"
        + "\"addField\":{},\"protectedFields\":{\"*\":[\"secret\"]}}");
    expect(schemas(HttpMethod.POST, "/Locked", new JsonObject().put("classLevelPermissions",
        clp)), 200);
    assertEquals(clp, expect(schemas(HttpMethod.GET, "/Locked", null), 200)
        .getJsonObject("classLevelPermissions"));
    expectError(schemas(HttpMethod.PUT, "/Locked", new JsonObject().put("classLevelPermissions",
        new JsonObject().put("fly", new JsonObject()))), 400, 107);
  }

  @Test
  void indexesAreCreatedListedAndDropped() {
    expect(schemas(HttpMethod.POST, "/Indexed", fields("{'score':{'type':'Number'},"
        + "'name':{'type':'String'}}")), 200);
    JsonObject withIndex = expect(schemas(HttpMethod.PUT, "/Indexed", new JsonObject()
        .put("indexes", new JsonObject().put("score_name", new JsonObject().put("score", -1)
            .put("name", 1)))), 200);
    assertEquals(new JsonObject().put("score", -1).put("name", 1),
        withIndex.getJsonObject("indexes").getJsonObject("score_name"));
    expectError(schemas(HttpMethod.PUT, "/Indexed", new JsonObject().put("indexes",
        new JsonObject().put("score_name", new JsonObject().put("score", 1)))), 400, 102);
    expectError(schemas(HttpMethod.PUT, "/Indexed", new JsonObject().put("indexes",
        new JsonObject().put("bad", new JsonObject().put("missing", 1)))), 400, 102);
    JsonObject dropped = expect(schemas(HttpMethod.PUT, "/Indexed", new JsonObject()
        .put("indexes", new JsonObject().put("score_name",
            new JsonObject().put("__op", "Delete")))), 200);
    assertFalse(dropped.getJsonObject("indexes").containsKey("score_name"));
  }

  @Test
  void requiredFieldsAndDefaultValues() {
    expect(schemas(HttpMethod.POST, "/Profile", fields("{'name':{'type':'String','required':"
        + "true},'level':{'type':'Number','defaultValue':1}}")), 200);
    expectError(request(HttpMethod.POST, "/classes/Profile", new JsonObject().put("level", 3)),
        400, 142);
    String id = expect(request(HttpMethod.POST, "/classes/Profile",
        new JsonObject().put("name", "ann")), 201).getString("objectId");
    assertEquals(1, expect(request(HttpMethod.GET, "/classes/Profile/" + id, null), 200)
        .getInteger("level"));
    expectError(request(HttpMethod.PUT, "/classes/Profile/" + id, new JsonObject().put("name",
        new JsonObject().put("__op", "Delete"))), 400, 142);
  }

  static Stream<Arguments> badDefinitions() {
    return Stream.of(
        Arguments.of("unknown type", fields("{'a':{'type':'Int'}}"), 111),
        Arguments.of("pointer without target", fields("{'a':{'type':'Pointer'}}"), 135),
        Arguments.of("default field", fields("{'objectId':{'type':'String'}}"), 136),
        Arguments.of("bad field name", fields("{'a-b':{'type':'String'}}"), 105),
        Arguments.of("default of another type", fields("{'a':{'type':'Number','defaultValue':"
            + "'x'}}"), 111),
        Arguments.of("class name mismatch", new JsonObject().put("className", "Other"), 103),
        Arguments.of("bad index direction", fields("{'a':{'type':'String'}}").put("indexes",
            new JsonObject().put("i", new JsonObject().put("a", 7))), 102));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDefinitions")
  void refusesBadDefinitions(String name, JsonObject body, int code) {
    expectError(schemas(HttpMethod.POST, "/BadDef", body), 400, code);
    expectError(schemas(HttpMethod.GET, "/BadDef", null), 400, 103);
  }
}
