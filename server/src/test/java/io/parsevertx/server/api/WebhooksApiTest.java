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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /hooks}: function and trigger webhooks declared with the master key, called over HTTP
 * with Parse's payload and {@code X-Parse-Webhook-Key}; {@code success} and {@code error}
 * answers mapped as Parse Server maps them; a webhook that is slow, silent or answers something
 * that is not JSON is a 141, never a hang.
 */
class WebhooksApiTest extends ApiTestBase {
  private static final long TIMEOUT = 1_000;
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);
  private static final List<JsonObject> AFTER_SAVES = new CopyOnWriteArrayList<>();
  private static Vertx hookVertx;
  private static HttpServer hookServer;
  private static String base;

  @BeforeAll
  static void startWebhookServer() {
    hookVertx = Vertx.vertx();
    hookServer = hookVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      JsonObject body = b.length() == 0 ? new JsonObject() : b.toJsonObject();
      String key = req.getHeader("X-Parse-Webhook-Key");
      var response = req.response().putHeader("Content-Type", "application/json");
      switch (req.path()) {
        case "/fn/echo" -> response.end(new JsonObject().put("success", new JsonObject()
            .put("params", body.getJsonObject("params")).put("key", key)
            .put("master", body.getBoolean("master"))).encode());
        case "/fn/other" -> response.end(new JsonObject().put("success", "other").encode());
        case "/fn/refuse" -> response.end(new JsonObject().put("error", "webhook says no")
            .encode());
        case "/fn/garbage" -> response.putHeader("Content-Type", "text/html")
            .end("<html>oops</html>");
        case "/fn/silent" -> { } // never answers
        case "/trigger/beforeSave" -> {
          JsonObject object = body.getJsonObject("object");
          if ("bad".equals(object.getString("name"))) {
            response.end(new JsonObject().put("error", "bad name").encode());
          } else {
            response.end(new JsonObject().put("success", object.copy().put("stamped", true)
                .put("trigger", body.getString("triggerName"))).encode());
          }
        }
        case "/trigger/afterSave" -> {
          AFTER_SAVES.add(body);
          response.end(new JsonObject().put("success", true).encode());
        }
        default -> response.setStatusCode(404).end();
      }
    })).listen(0).await();
    base = "http://127.0.0.1:" + hookServer.actualPort();
    withConfig(Map.of("webhookKey", "hook-secret", "webhookTimeout", String.valueOf(TIMEOUT)));
  }

  @AfterAll
  static void stopWebhookServer() {
    hookVertx.close().await();
  }

  private static JsonObject declareFunction(String name, String path) {
    return expect(request(HttpMethod.POST, "/hooks/functions", MASTER, new JsonObject()
        .put("functionName", name).put("url", base + path)), 200);
  }

  @Test
  void aFunctionWebhookAnswersWithItsSuccessValue() {
    assertEquals(403, request(HttpMethod.POST, "/hooks/functions", new JsonObject()
        .put("functionName", "echo").put("url", base + "/fn/echo")).statusCode());
    assertEquals(new JsonObject().put("functionName", "echo").put("url", base + "/fn/echo"),
        declareFunction("echo", "/fn/echo"));
    expectError(request(HttpMethod.POST, "/hooks/functions", MASTER, new JsonObject()
        .put("functionName", "echo").put("url", base + "/fn/echo")), 400, 143);
    JsonArray listed = new JsonArray(request(HttpMethod.GET, "/hooks/functions", MASTER, null)
        .bodyAsString());
    assertTrue(listed.contains(new JsonObject().put("functionName", "echo")
        .put("url", base + "/fn/echo")), listed::encode);

    JsonObject result = expect(request(HttpMethod.POST, "/functions/echo",
        new JsonObject().put("a", 1)), 200).getJsonObject("result");
    assertEquals(new JsonObject().put("params", new JsonObject().put("a", 1))
        .put("key", "hook-secret").put("master", false), result);

    expect(request(HttpMethod.PUT, "/hooks/functions/echo", MASTER, new JsonObject()
        .put("url", base + "/fn/other")), 200);
    assertEquals("other", expect(request(HttpMethod.POST, "/functions/echo",
        new JsonObject()), 200).getString("result"));
    expect(request(HttpMethod.PUT, "/hooks/functions/echo", MASTER, new JsonObject()
        .put("__op", "Delete")), 200);
    expectError(request(HttpMethod.POST, "/functions/echo", new JsonObject()), 400, 141);
    expectError(request(HttpMethod.GET, "/hooks/functions/echo", MASTER, null), 400, 143);
  }

  @Test
  void aRefusingSilentOrGarbledWebhookIsA141() {
    declareFunction("refuse", "/fn/refuse");
    declareFunction("silent", "/fn/silent");
    declareFunction("garbage", "/fn/garbage");
    assertEquals("webhook says no", expectError(request(HttpMethod.POST, "/functions/refuse",
        new JsonObject()), 400, 141).getString("error"));
    long started = System.currentTimeMillis();
    expectError(request(HttpMethod.POST, "/functions/silent", new JsonObject()), 400, 141);
    assertTrue(System.currentTimeMillis() - started < TIMEOUT + 4_000);
    expectError(request(HttpMethod.POST, "/functions/garbage", new JsonObject()), 400, 141);
  }

  @Test
  void triggerWebhooksChangeRefuseAndFollowSaves() {
    expectError(request(HttpMethod.POST, "/hooks/triggers", MASTER, new JsonObject()
        .put("className", "Hooked").put("triggerName", "beforeEverything")
        .put("url", base + "/trigger/beforeSave")), 400, 143);
    expect(request(HttpMethod.POST, "/hooks/triggers", MASTER, new JsonObject()
        .put("className", "Hooked").put("triggerName", "beforeSave")
        .put("url", base + "/trigger/beforeSave")), 200);
    expect(request(HttpMethod.POST, "/hooks/triggers", MASTER, new JsonObject()
        .put("className", "Hooked").put("triggerName", "afterSave")
        .put("url", base + "/trigger/afterSave")), 200);
    assertEquals(base + "/trigger/beforeSave", expect(request(HttpMethod.GET,
        "/hooks/triggers/Hooked/beforeSave", MASTER, null), 200).getString("url"));

    String id = create("Hooked", new JsonObject().put("name", "fine")).getString("objectId");
    JsonObject stored = expect(request(HttpMethod.GET, "/classes/Hooked/" + id, null), 200);
    assertEquals(true, stored.getBoolean("stamped"), stored::encode);
    assertEquals("beforeSave", stored.getString("trigger"));
    assertEquals("bad name", expectError(request(HttpMethod.POST, "/classes/Hooked",
        new JsonObject().put("name", "bad")), 400, 141).getString("error"));
    PushApiTest.waitUntil(() -> AFTER_SAVES.stream().anyMatch(p -> id.equals(
        p.getJsonObject("object").getString("objectId"))), 10_000);
    JsonObject after = AFTER_SAVES.stream().filter(p -> id.equals(p.getJsonObject("object")
        .getString("objectId"))).findFirst().orElseThrow();
    assertEquals("afterSave", after.getString("triggerName"));
    assertEquals("Hooked", after.getJsonObject("object").getString("className"));
    expect(request(HttpMethod.DELETE, "/hooks/triggers/Hooked/beforeSave", MASTER, null), 200);
    String plain = create("Hooked", new JsonObject().put("name", "bad")).getString("objectId");
    assertEquals(null, expect(request(HttpMethod.GET, "/classes/Hooked/" + plain, null), 200)
        .getValue("stamped"));
  }

  @Test
  void clientsCannotWriteServerKeptClassesEvenBeforeTheyExist() {
    // a _Hooks row written by a client would be a webhook the server then calls
    expectError(request(HttpMethod.POST, "/classes/_Hooks", new JsonObject()
        .put("functionName", "evil").put("url", base + "/fn/echo")), 400, 119);
    expectError(request(HttpMethod.POST, "/classes/_JobSchedule", new JsonObject()
        .put("jobName", "x")), 400, 119);
    expectError(request(HttpMethod.POST, "/functions/evil", new JsonObject()), 400, 141);
  }
}
