package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * beforeFind and afterFind webhooks, declared through {@code /hooks/triggers} as Parse Server
 * accepts them: beforeFind gets the {@code query} ({@code isGet} for a get by id) and may only
 * refuse; afterFind gets the {@code objects} and its {@code success} array is the answer.
 */
class FindWebhooksApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);
  private static final List<JsonObject> CALLS = new CopyOnWriteArrayList<>();
  private static Vertx hookVertx;
  private static HttpServer hookServer;
  private static String base;

  @BeforeAll
  static void startWebhookServer() {
    hookVertx = Vertx.vertx();
    hookServer = hookVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      JsonObject body = b.toJsonObject();
      CALLS.add(body.copy().put("path", req.path()));
      var response = req.response().putHeader("Content-Type", "application/json");
      switch (req.path()) {
        case "/find/before" -> {
          if (body.getJsonObject("query").getJsonObject("where").containsKey("secret")) {
            response.end(new JsonObject().put("error", "no secrets").encode());
          } else {
            // note: a query in the answer is not a Parse.Query: Parse Server leaves its own
            response.end(new JsonObject().put("success", new JsonObject().put("where",
                new JsonObject().put("name", "nothing"))).encode());
          }
        }
        case "/find/after" -> {
          JsonArray kept = new JsonArray();
          body.getJsonArray("objects").forEach(o -> {
            JsonObject object = (JsonObject) o;
            if (!"dropped".equals(object.getString("name"))) {
              kept.add(object.copy().put("fromHook", true));
            }
          });
          response.end(new JsonObject().put("success", kept).encode());
        }
        case "/find/users" -> response.end((body.getBoolean("isGet")
            ? new JsonObject().put("error", "no user gets")
            : new JsonObject().put("success", true)).encode());
        default -> response.setStatusCode(404).end();
      }
    })).listen(0).await();
    base = "http://127.0.0.1:" + hookServer.actualPort();
    withConfig(Map.of("webhookKey", "hook-secret"));
  }

  @AfterAll
  static void stopWebhookServer() {
    hookVertx.close().await();
  }

  private static void declare(String className, String triggerName, String path) {
    assertEquals(new JsonObject().put("className", className).put("triggerName", triggerName)
        .put("url", base + path), expect(request(HttpMethod.POST, "/hooks/triggers", MASTER,
        new JsonObject().put("className", className).put("triggerName", triggerName)
            .put("url", base + path)), 200));
  }

  private static JsonObject lastCall(String path) {
    for (int i = CALLS.size() - 1; i >= 0; i--) {
      if (path.equals(CALLS.get(i).getString("path"))) {
        return CALLS.get(i);
      }
    }
    throw new AssertionError("no call to " + path);
  }

  @Test
  void findWebhooksSeeTheQueryAndRewriteTheResults() {
    declare("HookedFind", "beforeFind", "/find/before");
    declare("HookedFind", "afterFind", "/find/after");
    String one = create("HookedFind", new JsonObject().put("name", "one")).getString("objectId");
    String dropped = create("HookedFind", new JsonObject().put("name", "dropped"))
        .getString("objectId");

    JsonArray results = expect(request(HttpMethod.GET, "/classes/HookedFind", null), 200)
        .getJsonArray("results");
    assertEquals(1, results.size(), results::encode);
    assertEquals("one", results.getJsonObject(0).getString("name"));
    assertEquals(true, results.getJsonObject(0).getBoolean("fromHook"));
    JsonObject before = lastCall("/find/before");
    assertEquals("beforeFind", before.getString("triggerName"));
    assertEquals(false, before.getBoolean("isGet"));
    assertEquals(false, before.getBoolean("master"));
    assertEquals(new JsonObject(), before.getJsonObject("query").getJsonObject("where"));
    JsonObject after = lastCall("/find/after");
    assertEquals("afterFind", after.getString("triggerName"));
    assertEquals(2, after.getJsonArray("objects").size(), after::encode);

    JsonObject got = expect(request(HttpMethod.GET, "/classes/HookedFind/" + one, null), 200);
    assertEquals(true, got.getBoolean("fromHook"), got::encode);
    before = lastCall("/find/before");
    assertEquals(true, before.getBoolean("isGet"));
    assertEquals(new JsonObject().put("objectId", one), before.getJsonObject("query")
        .getJsonObject("where"));
    expectError(request(HttpMethod.GET, "/classes/HookedFind/" + dropped, null), 404, 101);

    String where = URLEncoder.encode(new JsonObject().put("secret", 1).encode(),
        StandardCharsets.UTF_8);
    assertEquals("no secrets", expectError(request(HttpMethod.GET, "/classes/HookedFind?where="
        + where, null), 400, 141).getString("error"));
  }

  @Test
  void aUserGetMeetsTheUserBeforeFindWebhook() {
    String id = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "hooked").put("password", "pw")), 201).getString("objectId");
    declare("_User", "beforeFind", "/find/users");
    assertEquals("no user gets", expectError(request(HttpMethod.GET, "/users/" + id, null),
        400, 141).getString("error"));
    assertTrue(expect(request(HttpMethod.GET, "/users", MASTER, null), 200)
        .getJsonArray("results").size() >= 1);
  }
}
