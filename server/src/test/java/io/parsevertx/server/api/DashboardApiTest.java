package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.common.bus.PushServiceClient;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Parse Dashboard calls (issue #15): {@code /serverInfo}, {@code /schemas/},
 * {@code /config} with {@code masterKeyOnly}, {@code /scriptlog}, {@code /push_audiences}, a
 * query on a class not created yet, batch paths under the mount path, CORS, exact counts.
 */
class DashboardApiTest extends ApiTestBase {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardApiTest.class);
  private static final String READ_ONLY_KEY = "dashboard-read-only";
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);
  private static final Map<String, String> READ_ONLY = Map.of(ParseHeaders.APPLICATION_ID,
      APP_ID, ParseHeaders.MASTER_KEY, READ_ONLY_KEY);
  private static final String ORIGIN = "http://localhost:4040";

  /** Hides the base class's default boot: a read-only key and push (scheduled too) are set. */
  @BeforeAll
  static void bootDefault() {
    withConfig(Map.of("readOnlyMasterKey", READ_ONLY_KEY, "scheduledPush", "true",
        "push", new JsonObject().put("adapter", new JsonObject()
            .put("module", RecordingPushAdapter.class.getName())
            .put("options", new JsonObject().put("types", new JsonArray().add("web"))))
            .encode()));
  }

  @Test
  void serverInfoTellsTheVersionAndTheFeaturesToTheMasterKey() {
    expect(request(HttpMethod.GET, "/serverInfo", null), 403);
    JsonObject info = expect(request(HttpMethod.GET, "/serverInfo", MASTER, null), 200);
    assertEquals(info, expect(request(HttpMethod.GET, "/serverInfo", READ_ONLY, null), 200));
    // note: the Dashboard sends it as the JS SDK does, a text/plain POST with _method
    assertEquals(info, expect(request(HttpMethod.POST, "/serverInfo", Map.of("Content-Type",
        "text/plain"), new JsonObject().put(ParseHeaders.Body.METHOD, "GET")
            .put(ParseHeaders.Body.APPLICATION_ID, APP_ID)
            .put(ParseHeaders.Body.MASTER_KEY, MASTER_KEY).encode()), 200));
    String version = info.getString("parseServerVersion");
    // note: SemVer build metadata, which semver.gte ignores: compares as Parse Server 9.10.0
    assertTrue(version.matches("9\\.10\\.0\\+parse-vertx\\.\\d+\\.\\d+\\.\\d+[0-9A-Za-z.-]*"),
        version);
    JsonObject crud = new JsonObject().put("create", true).put("read", true).put("update", true)
        .put("delete", true);
    JsonObject expected = new JsonObject()
        .put("globalConfig", crud)
        .put("hooks", crud)
        .put("cloudCode", new JsonObject().put("jobs", true))
        .put("logs", new JsonObject().put("level", true).put("size", true).put("order", true)
            .put("until", true).put("from", true))
        .put("push", new JsonObject().put("immediatePush", true).put("scheduledPush", true)
            .put("storedPushData", true).put("pushAudiences", true).put("localization", true))
        .put("schemas", new JsonObject().put("addField", true).put("removeField", true)
            .put("addClass", true).put("removeClass", true).put("clearAllDataFromClass", true)
            .put("exportClass", false).put("editClassLevelPermissions", true)
            .put("editPointerPermissions", true))
        .put("settings", new JsonObject().put("securityCheck", false));
    assertEquals(expected, info.getJsonObject("features"));
  }

  @Test
  void schemasAnswerWithAndWithoutATrailingSlash() {
    create("DashSchema", new JsonObject().put("n", 1));
    for (String path : List.of("/schemas", "/schemas/")) {
      JsonArray results = expect(request(HttpMethod.GET, path, MASTER, null), 200)
          .getJsonArray("results");
      assertTrue(results.stream().anyMatch(s -> "DashSchema".equals(
          ((JsonObject) s).getString("className"))), path + ": " + results.encode());
      expect(request(HttpMethod.GET, path, null), 403);
    }
  }

  @Test
  void userAndRoleClassesExistBeforeAnyoneSignsUp() {
    // note: nothing in this class signs up or makes a role; Parse Server has both at start
    JsonObject user = expect(request(HttpMethod.GET, "/schemas/_User", MASTER, null), 200)
        .getJsonObject("fields");
    for (String field : List.of("username", "password", "email", "emailVerified",
        "authData")) {
      assertTrue(user.containsKey(field), field + " in " + user.encode());
    }
    JsonObject role = expect(request(HttpMethod.GET, "/schemas/_Role", MASTER, null), 200)
        .getJsonObject("fields");
    assertEquals("String", role.getJsonObject("name").getString("type"));
    assertEquals(new JsonObject().put("type", "Relation").put("targetClass", "_User"),
        role.getJsonObject("users"));
    assertEquals(new JsonObject().put("type", "Relation").put("targetClass", "_Role"),
        role.getJsonObject("roles"));
  }

  @Test
  void theServersBookkeepingClassesAreNotListedAsSchemas() {
    String audience = expect(request(HttpMethod.POST, "/push_audiences", MASTER,
        new JsonObject().put("name", "listed-not").put("query", "{}")), 201)
        .getString("objectId");
    expect(request(HttpMethod.PUT, "/config", MASTER, new JsonObject().put("params",
        new JsonObject().put("listedNot", 1))), 200);
    expect(request(HttpMethod.POST, "/hooks/functions", MASTER, new JsonObject()
        .put("functionName", "listedNot").put("url", "http://127.0.0.1:9/hook")), 200);
    List<String> listed = expect(request(HttpMethod.GET, "/schemas", MASTER, null), 200)
        .getJsonArray("results").stream()
        .map(s -> ((JsonObject) s).getString("className")).toList();
    for (String internal : List.of("_Audience", "_GlobalConfig", "_Hooks")) {
      assertFalse(listed.contains(internal), internal + " in " + listed);
    }
    assertTrue(listed.containsAll(List.of("_User", "_Role")), listed.toString());
    // note: the audiences test counts what it finds
    expect(request(HttpMethod.DELETE, "/push_audiences/" + audience, MASTER, null), 200);
  }

  @Test
  void configParametersMarkedMasterKeyOnlyAreHiddenFromClients() {
    expect(request(HttpMethod.PUT, "/config", MASTER, new JsonObject()
        .put("params", new JsonObject().put("shown", "yes").put("hidden", "s3"))
        .put("masterKeyOnly", new JsonObject().put("hidden", true).put("shown", false))), 200);
    JsonObject master = expect(request(HttpMethod.GET, "/config", MASTER, null), 200);
    assertEquals("s3", master.getJsonObject("params").getString("hidden"));
    assertEquals(true, master.getJsonObject("masterKeyOnly").getBoolean("hidden"));
    JsonObject client = expect(request(HttpMethod.GET, "/config", null), 200);
    assertEquals("yes", client.getJsonObject("params").getString("shown"));
    assertFalse(client.getJsonObject("params").containsKey("hidden"), client::encode);
    assertFalse(client.containsKey("masterKeyOnly"), client::encode);
    expectError(request(HttpMethod.PUT, "/config", READ_ONLY, new JsonObject()
        .put("params", new JsonObject().put("shown", "no"))), 400, 119);
  }

  @Test
  void scriptlogServesThisProcessRecentEventsWithoutKeys() {
    String marker = "dashboard-" + System.nanoTime();
    LOG.info("event=dashboard_test marker={} info key={} ro={}", marker, MASTER_KEY,
        READ_ONLY_KEY);
    LOG.error("event=dashboard_test marker={} error", marker);
    expect(request(HttpMethod.GET, "/scriptlog", null), 403);

    JsonArray errors = logs("level=error&n=1000", MASTER);
    List<JsonObject> ours = withMarker(errors, marker);
    assertEquals(1, ours.size(), errors::encode);
    assertEquals("error", ours.get(0).getString("level"));
    assertTrue(errors.stream().allMatch(e -> "error".equals(((JsonObject) e).getString("level"))));
    Instant.parse(ours.get(0).getString("timestamp"));

    JsonArray all = logs("level=info&size=1000", READ_ONLY);
    assertEquals(2, withMarker(all, marker).size(), all::encode);
    assertFalse(all.encode().contains(MASTER_KEY), all::encode);
    assertFalse(all.encode().contains(READ_ONLY_KEY), all::encode);
    assertTrue(withMarker(all, marker).get(1).getString("message").contains("info key=********"));

    JsonArray newestFirst = logs("n=2", MASTER);
    assertEquals(2, newestFirst.size());
    assertTrue(time(newestFirst, 0).compareTo(time(newestFirst, 1)) >= 0);
    JsonArray oldestFirst = logs("n=1000&order=asc", MASTER);
    assertTrue(time(oldestFirst, 0).compareTo(time(oldestFirst, oldestFirst.size() - 1)) <= 0);
    assertEquals(10, logs("", MASTER).size(), "Parse Server's default size");
    assertEquals(0, logs("from=" + Instant.now().plusSeconds(3600), MASTER).size());
    assertEquals(0, logs("until=1000", MASTER).size());
  }

  @Test
  void pushAudiencesKeepTheQueryAsAStringAndAnswerItParsed() {
    JsonObject query = new JsonObject().put("deviceType", new JsonObject().put("$in",
        new JsonArray().add("ios")));
    JsonObject audience = new JsonObject().put("name", "iOS users").put("query", query.encode());
    expect(request(HttpMethod.POST, "/push_audiences", audience), 403);
    expectError(request(HttpMethod.POST, "/push_audiences", READ_ONLY, audience), 400, 119);
    String id = expect(request(HttpMethod.POST, "/push_audiences", MASTER, audience), 201)
        .getString("objectId");

    JsonObject got = expect(request(HttpMethod.GET, "/push_audiences/" + id, MASTER, null), 200);
    assertEquals(query, got.getJsonObject("query"));
    assertEquals("iOS users", got.getString("name"));
    JsonArray listed = expect(request(HttpMethod.GET, "/push_audiences", READ_ONLY, null), 200)
        .getJsonArray("results");
    assertEquals(1, listed.size());
    assertEquals(query, listed.getJsonObject(0).getJsonObject("query"));
    assertEquals(query.encode(), expect(request(HttpMethod.GET, "/classes/_Audience/" + id,
        MASTER, null), 200).getString("query"), "stored as Parse Server stores it");

    expect(request(HttpMethod.PUT, "/push_audiences/" + id, MASTER, new JsonObject()
        .put("name", "Apple").put("timesUsed", 2)), 200);
    got = expect(request(HttpMethod.GET, "/push_audiences/" + id, MASTER, null), 200);
    assertEquals("Apple", got.getString("name"));
    assertEquals(2, got.getInteger("timesUsed"));
    // note: a push to a saved audience counts as its use, as in Parse Server
    expect(request(HttpMethod.POST, "/push", MASTER, new JsonObject().put("where", query)
        .put("data", new JsonObject().put("alert", "hi"))
        .put(PushServiceClient.AUDIENCE_ID, id)), 200);
    got = expect(request(HttpMethod.GET, "/push_audiences/" + id, MASTER, null), 200);
    assertEquals(3, got.getInteger("timesUsed"));
    assertEquals("Date", got.getJsonObject("lastUsed").getString("__type"));
    expect(request(HttpMethod.DELETE, "/push_audiences/" + id, null), 403);
    expect(request(HttpMethod.DELETE, "/push_audiences/" + id, MASTER, null), 200);
    expectError(request(HttpMethod.GET, "/push_audiences/" + id, MASTER, null), 404, 101);
  }

  @Test
  void aQueryOnAClassNotCreatedYetAnswersNoResults() {
    for (Map<String, String> headers : List.of(MASTER, Map.of(ParseHeaders.APPLICATION_ID,
        APP_ID))) {
      assertEquals(new JsonObject().put("results", new JsonArray()),
          expect(request(HttpMethod.GET, "/classes/DashboardConfig", headers, null), 200));
      assertEquals(new JsonObject().put("results", new JsonArray()).put("count", 0),
          expect(request(HttpMethod.GET, "/classes/DashboardConfig?count=1&limit=0", headers,
              null), 200));
    }
  }

  @Test
  void batchPathsMayCarryTheMountPath() {
    JsonArray requests = new JsonArray();
    for (int i = 0; i < 2; i++) {
      requests.add(new JsonObject().put("method", "POST").put("path", "/parse/classes/DashBatch")
          .put("body", new JsonObject().put("i", i)));
    }
    JsonArray results = request(HttpMethod.POST, "/batch", MASTER,
        new JsonObject().put("requests", requests)).bodyAsJsonArray();
    assertEquals(2, results.size(), results::encode);
    String id = results.getJsonObject(0).getJsonObject("success").getString("objectId");
    JsonArray updated = request(HttpMethod.POST, "/batch", MASTER, new JsonObject()
        .put("requests", new JsonArray().add(new JsonObject().put("method", "PUT")
            .put("path", "/parse/classes/DashBatch/" + id)
            .put("body", new JsonObject().put("i", 7))))).bodyAsJsonArray();
    assertTrue(updated.getJsonObject(0).containsKey("success"), updated::encode);
    assertEquals(7, expect(request(HttpMethod.GET, "/classes/DashBatch/" + id, null), 200)
        .getInteger("i"));
  }

  @Test
  void everyRouteAnswersCorsAndItsPreflight() {
    for (String path : List.of("/serverInfo", "/scriptlog", "/push_audiences", "/schemas/",
        "/config", "/classes/DashboardConfig", "/batch", "/cloud_code/jobs/data")) {
      HttpResponse<Buffer> preflight = request(HttpMethod.OPTIONS, path, Map.of("Origin", ORIGIN,
          "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers",
          "x-parse-application-id,x-parse-master-key,content-type"), null);
      assertEquals(2, preflight.statusCode() / 100, path + ": " + preflight.statusCode());
      assertTrue(preflight.getHeader("Access-Control-Allow-Origin") != null, path);
      String allowed = preflight.getHeader("Access-Control-Allow-Headers").toLowerCase(
          Locale.ROOT);
      assertTrue(allowed.contains("x-parse-master-key") && allowed.contains(
          "x-parse-application-id"), path + ": " + allowed);
      HttpResponse<Buffer> refused = request(HttpMethod.GET, path, Map.of("Origin", ORIGIN,
          ParseHeaders.APPLICATION_ID, APP_ID), null);
      assertTrue(refused.getHeader("Access-Control-Allow-Origin") != null,
          path + " " + refused.statusCode());
    }
  }

  @Test
  void countsAreExact() {
    for (int i = 0; i < 3; i++) {
      create("DashCount", new JsonObject().put("i", i));
    }
    JsonObject counted = expect(request(HttpMethod.GET, "/classes/DashCount?count=1&limit=0",
        MASTER, null), 200);
    assertEquals(3, counted.getInteger("count"), counted::encode);
    assertEquals(0, counted.getJsonArray("results").size());
  }

  private static JsonArray logs(String query, Map<String, String> headers) {
    HttpResponse<Buffer> response = request(HttpMethod.GET, "/scriptlog?" + query, headers,
        null);
    assertEquals(200, response.statusCode(), response::bodyAsString);
    return response.bodyAsJsonArray();
  }

  private static List<JsonObject> withMarker(JsonArray entries, String marker) {
    return entries.stream().map(e -> (JsonObject) e)
        .filter(e -> e.getString("message").contains(marker)).toList();
  }

  private static Instant time(JsonArray entries, int index) {
    return Instant.parse(entries.getJsonObject(index).getString("timestamp"));
  }
}
