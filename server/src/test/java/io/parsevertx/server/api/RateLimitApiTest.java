package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parse's {@code rateLimit} at the gateway, and the ways around it that must not work: a
 * batch, a {@code _method} override, a forged {@code X-Forwarded-For}, no or a forged session
 * token. Over the limit: HTTP 429 with {@code {"code":100,"error":<message>}}.
 */
class RateLimitApiTest extends ApiTestBase {
  private static final int MINUTE = 60_000;

  @BeforeAll
  static void limits() {
    JsonArray rules = new JsonArray()
        .add(rule("/classes/Limited", 3).put("requestMethods", new JsonArray().add("POST"))
            .put("errorResponseMessage", "Slow down"))
        .add(rule("/classes/InBatch", 1))
        .add(rule("/classes/Overridden", 1).put("requestMethods", "GET"))
        .add(rule("/classes/PerSession", 2).put("zone", "session"))
        .add(rule("/classes/PerUser", 2).put("zone", "user"))
        .add(rule("/classes/Everyone*", 2).put("zone", "global"))
        .add(rule("/classes/Master", 1).put("includeMasterKey", true));
    withConfig(Map.of("rateLimit", rules.encode()));
  }

  private static JsonObject rule(String path, int count) {
    return new JsonObject().put("requestPath", path).put("requestTimeWindow", MINUTE)
        .put("requestCount", count);
  }

  private static Map<String, String> with(String header, String value) {
    Map<String, String> headers = new HashMap<>(Map.of(ParseHeaders.APPLICATION_ID, APP_ID));
    headers.put(header, value);
    return headers;
  }

  private static void tooMany(io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>
      response, String message) {
    JsonObject body = expectError(response, 429, 100);
    assertEquals(message, body.getString("error"));
  }

  @Test
  void limitsByMethodAndPathAndSparesTheMasterKey() {
    for (int i = 0; i < 3; i++) {
      expect(request(HttpMethod.POST, "/classes/Limited", new JsonObject().put("i", i)), 201);
    }
    tooMany(request(HttpMethod.POST, "/classes/Limited", new JsonObject()), "Slow down");
    // a forged X-Forwarded-For changes nothing: no proxy is trusted
    tooMany(request(HttpMethod.POST, "/classes/Limited", with("X-Forwarded-For", "203.0.113.9"),
        new JsonObject()), "Slow down");
    expect(request(HttpMethod.GET, "/classes/Limited", null), 200); // POST only
    expect(request(HttpMethod.POST, "/classes/Limited", with(ParseHeaders.MASTER_KEY,
        MASTER_KEY), new JsonObject()), 201);
    // includeMasterKey: the master key counts too
    Map<String, String> master = with(ParseHeaders.MASTER_KEY, MASTER_KEY);
    expect(request(HttpMethod.POST, "/classes/Master", master, new JsonObject()), 201);
    tooMany(request(HttpMethod.POST, "/classes/Master", master, new JsonObject()),
        "Too many requests.");
  }

  @Test
  void eachRequestOfABatchCountsAgainstItsOwnPath() {
    JsonObject one = new JsonObject().put("method", "POST").put("path", "/parse/classes/InBatch")
        .put("body", new JsonObject().put("n", 1));
    JsonArray results = new JsonArray(request(HttpMethod.POST, "/batch", new JsonObject()
        .put("requests", new JsonArray().add(one).add(one))).bodyAsString());
    assertEquals(true, results.getJsonObject(0).containsKey("success"), results.encode());
    assertEquals(100, results.getJsonObject(1).getJsonObject("error").getInteger("code"));
    tooMany(request(HttpMethod.POST, "/batch", new JsonObject().put("transaction", true)
        .put("requests", new JsonArray().add(one))), "Too many requests.");
    tooMany(request(HttpMethod.POST, "/classes/InBatch", new JsonObject()),
        "Too many requests.");
  }

  /** The JS SDK's text/plain POST with {@code _method: GET} counts as the GET it performs. */
  @Test
  void aMethodOverrideCountsAsTheMethodItPerforms() {
    JsonObject envelope = new JsonObject().put("_method", "GET")
        .put("_ApplicationId", APP_ID).put("where", new JsonObject());
    Map<String, String> plain = Map.of("Content-Type", "text/plain");
    expect(request(HttpMethod.POST, "/classes/Overridden", plain, envelope), 200);
    tooMany(request(HttpMethod.POST, "/classes/Overridden", plain, envelope),
        "Too many requests.");
    tooMany(request(HttpMethod.GET, "/classes/Overridden", null), "Too many requests.");
  }

  @Test
  void sessionAndUserZonesCannotBeEscapedWithoutOrWithAForgedToken() {
    String alice = signUp("alice-rl");
    String bob = signUp("bob-rl");
    String alice2 = expect(request(HttpMethod.GET, "/login?username=alice-rl&password=pw",
        null), 200).getString("sessionToken");
    for (int i = 0; i < 2; i++) {
      expect(request(HttpMethod.GET, "/classes/PerSession", with(ParseHeaders.SESSION_TOKEN,
          alice), null), 200);
    }
    tooMany(request(HttpMethod.GET, "/classes/PerSession", with(ParseHeaders.SESSION_TOKEN,
        alice), null), "Too many requests.");
    // another session, of the same user or of another, has its own count
    expect(request(HttpMethod.GET, "/classes/PerSession", with(ParseHeaders.SESSION_TOKEN,
        alice2), null), 200);
    expect(request(HttpMethod.GET, "/classes/PerSession", with(ParseHeaders.SESSION_TOKEN,
        bob), null), 200);
    // without a token, or with forged ones, the caller's address is counted
    expect(request(HttpMethod.GET, "/classes/PerSession", null), 200);
    expect(request(HttpMethod.GET, "/classes/PerSession", null), 200);
    tooMany(request(HttpMethod.GET, "/classes/PerSession", null), "Too many requests.");
    tooMany(request(HttpMethod.GET, "/classes/PerSession", with(ParseHeaders.SESSION_TOKEN,
        "r:forged-" + System.nanoTime()), null), "Too many requests.");

    // user zone: both of alice's sessions share one count
    expect(request(HttpMethod.GET, "/classes/PerUser", with(ParseHeaders.SESSION_TOKEN, alice),
        null), 200);
    expect(request(HttpMethod.GET, "/classes/PerUser", with(ParseHeaders.SESSION_TOKEN, alice2),
        null), 200);
    tooMany(request(HttpMethod.GET, "/classes/PerUser", with(ParseHeaders.SESSION_TOKEN,
        alice), null), "Too many requests.");
    expect(request(HttpMethod.GET, "/classes/PerUser", with(ParseHeaders.SESSION_TOKEN, bob),
        null), 200);
  }

  @Test
  void theGlobalZoneCountsEveryCallerTogether() {
    String carol = signUp("carol-rl");
    expect(request(HttpMethod.GET, "/classes/EveryoneA", null), 200);
    expect(request(HttpMethod.GET, "/classes/EveryoneB", with(ParseHeaders.SESSION_TOKEN,
        carol), null), 200);
    tooMany(request(HttpMethod.GET, "/classes/EveryoneA", with(ParseHeaders.SESSION_TOKEN,
        carol), null), "Too many requests.");
  }

  private static String signUp(String name) {
    return expect(request(HttpMethod.POST, "/users", new JsonObject().put("username", name)
        .put("password", "pw")), 201).getString("sessionToken");
  }
}
