package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook authentication against a real local HTTP service: it decides who the caller is;
 * clientData reaches the client, serverData stays with the session on the server.
 */
class WebhookAuthApiTest extends ApiTestBase {
  private static Vertx service;
  private static final AtomicReference<JsonObject> LAST_CALL = new AtomicReference<>();

  @BeforeAll
  static void authService() {
    service = Vertx.vertx();
    HttpServer server = service.createHttpServer().requestHandler(request -> request.body()
        .onSuccess(body -> {
          JsonObject call = body.toJsonObject().put("key", request.getHeader("X-Webhook-Key"));
          LAST_CALL.set(call);
          JsonObject credentials = call.getJsonObject("authData");
          if ("slow".equals(credentials.getString("user"))) {
            return; // note: never answers; the server's timeout must refuse
          }
          if ("junk".equals(credentials.getString("user"))) {
            request.response().end("<html>not an answer</html>");
            return;
          }
          if ("k-123".equals(call.getString("key")) && "ann".equals(credentials.getString("user"))
              && "secret".equals(credentials.getString("pass"))) {
            request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                .put("id", "ext-ann").put("clientData", new JsonObject().put("theme", "dark"))
                .put("serverData", new JsonObject().put("tier", "gold")).encode());
          } else {
            request.response().setStatusCode(401).end();
          }
        })).listen(0, "127.0.0.1").await();
    withConfig(Map.of("auth", new JsonObject().put("webhook", new JsonObject()
        .put("url", "http://127.0.0.1:" + server.actualPort() + "/authenticate")
        .put("timeoutMs", 500).put("headers", new JsonObject().put("X-Webhook-Key", "k-123")))
        .encode()));
  }

  @AfterAll
  static void stopService() {
    service.close().await();
  }

  private static JsonObject credentials(String user, String pass) {
    return new JsonObject().put("authData", new JsonObject().put("webhook", new JsonObject()
        .put("user", user).put("pass", pass)));
  }

  @Test
  void theAppsServiceDecidesWhoTheCallerIs() {
    var first = request(HttpMethod.POST, "/users", Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.INSTALLATION_ID, "device-7"), credentials("ann", "secret"));
    JsonObject created = expect(first, 201);
    assertEquals(new JsonObject().put("theme", "dark"), created.getJsonObject("authDataResponse")
        .getJsonObject("webhook"));
    assertEquals("127.0.0.1", LAST_CALL.get().getString("ip"));
    assertEquals("device-7", LAST_CALL.get().getString("installationId"));
    JsonObject again = expect(request(HttpMethod.POST, "/users", credentials("ann", "secret")),
        200);
    assertEquals(created.getString("objectId"), again.getString("objectId"));

    JsonObject session = expect(request(HttpMethod.GET, "/sessions/me", Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN,
        again.getString("sessionToken")), null), 200);
    assertFalse(session.containsKey("serverData"), session.encode());
    String asMaster = expect(request(HttpMethod.GET, "/classes/_Session", Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY), null), 200)
        .encode();
    assertFalse(asMaster.contains("gold"), asMaster);
  }

  @Test
  void refusalsAndTimeoutsAreCleanParseErrors() {
    expectError(request(HttpMethod.POST, "/users", credentials("ann", "wrong")), 404, 101);
    long start = System.nanoTime();
    expectError(request(HttpMethod.POST, "/users", credentials("slow", "x")), 404, 101);
    expectError(request(HttpMethod.POST, "/users", credentials("junk", "x")), 404, 101);
    assertEquals(true, (System.nanoTime() - start) / 1_000_000 < 5_000, "refused on timeout");
  }
}
