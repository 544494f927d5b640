package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SMS as the second factor, with a real local HTTP service as the SMS gateway: set-up by
 * confirming a texted code, log-in codes asked for with {@code token: "request"} or
 * {@code POST /challenge}, each code used once.
 */
class SmsMfaApiTest extends ApiTestBase {
  private static Vertx gateway;
  private static final LinkedBlockingQueue<JsonObject> TEXTS = new LinkedBlockingQueue<>();

  @BeforeAll
  static void smsGateway() {
    gateway = Vertx.vertx();
    HttpServer server = gateway.createHttpServer().requestHandler(request -> request.body()
        .onSuccess(body -> {
          if (!"sms-key".equals(request.getHeader("X-Api-Key"))) {
            request.response().setStatusCode(401).end();
            return;
          }
          TEXTS.add(body.toJsonObject());
          request.response().end("{}");
        })).listen(0, "127.0.0.1").await();
    withConfig(Map.of("auth", new JsonObject().put("mfa", new JsonObject()
        .put("enabled", true).put("options", new io.vertx.core.json.JsonArray().add("TOTP")
            .add("SMS"))
        .put("sms", new JsonObject().put("url", "http://127.0.0.1:" + server.actualPort()
            + "/send").put("headers", new JsonObject().put("X-Api-Key", "sms-key"))))
        .encode()));
  }

  @AfterAll
  static void stopGateway() {
    gateway.close().await();
  }

  /** @return the code in the next text to {@code mobile} */
  private static String textedCode(String mobile) throws InterruptedException {
    JsonObject text = TEXTS.poll(5, TimeUnit.SECONDS);
    assertEquals(mobile, text.getString("to"));
    return text.getString("message").replaceAll("\\D", "");
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> login(
      String user, Object token) {
    JsonObject body = new JsonObject().put("username", user).put("password", "pw");
    if (token != null) {
      body.put("authData", new JsonObject().put("mfa", new JsonObject().put("token", token)));
    }
    return request(HttpMethod.POST, "/login", body);
  }

  @Test
  void smsSetUpLoginAndChallenge() throws Exception {
    TEXTS.clear();
    JsonObject user = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "texter").put("password", "pw")), 201);
    String path = "/users/" + user.getString("objectId");
    Map<String, String> session = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, user.getString("sessionToken"));
    String mobile = "+15550100";

    expectError(request(HttpMethod.PUT, path, session, new JsonObject().put("authData",
        new JsonObject().put("mfa", new JsonObject().put("mobile", "call me")))), 400, 210);
    expect(request(HttpMethod.PUT, path, session, new JsonObject().put("authData",
        new JsonObject().put("mfa", new JsonObject().put("mobile", mobile)))), 200);
    String setUpCode = textedCode(mobile);
    Map<String, String> master = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.MASTER_KEY, MASTER_KEY);
    assertEquals(new JsonObject().put("status", "disabled"), expect(request(HttpMethod.GET,
        path, master, null), 200).getJsonObject("authData").getJsonObject("mfa"));
    assertEquals(6, setUpCode.length());
    expect(login("texter", null), 200); // not set up until the code is confirmed
    expectError(request(HttpMethod.PUT, path, session, new JsonObject().put("authData",
        new JsonObject().put("mfa", new JsonObject().put("mobile", "+15550199")
            .put("token", setUpCode)))), 400, 210);
    JsonObject confirmed = expect(request(HttpMethod.PUT, path, session, new JsonObject()
        .put("authData", new JsonObject().put("mfa", new JsonObject().put("mobile", mobile)
            .put("token", setUpCode)))), 200);
    String[] recovery = confirmed.getJsonObject("authDataResponse").getJsonObject("mfa")
        .getString("recovery").split(", ");
    assertEquals(2, recovery.length);
    JsonObject me = expect(request(HttpMethod.GET, "/users/me", session, null), 200);
    assertEquals(new JsonObject().put("status", "enabled"),
        me.getJsonObject("authData").getJsonObject("mfa"), "the number is not shown");

    JsonObject note = expect(request(HttpMethod.POST, "/classes/Note", master, new JsonObject()
        .put("owner", new JsonObject().put("__type", "Pointer").put("className", "_User")
            .put("objectId", user.getString("objectId")))), 201);
    JsonObject included = expect(request(HttpMethod.GET, "/classes/Note/"
        + note.getString("objectId") + "?include=owner", master, null), 200);
    assertEquals(new JsonObject().put("status", "enabled"), included.getJsonObject("owner")
        .getJsonObject("authData").getJsonObject("mfa"), "include shows the status only");
    JsonObject found = expect(request(HttpMethod.GET, "/users?where=" + java.net.URLEncoder
        .encode("{\"username\":\"texter\"}", java.nio.charset.StandardCharsets.UTF_8), master,
        null), 200).getJsonArray("results").getJsonObject(0);
    assertFalse(found.encode().contains(mobile.substring(1)), "the number is shown to no one");

    expectError(login("texter", null), 400, 211);
    expectError(login("texter", "request"), 400, 211);
    String code = textedCode(mobile);
    expectError(login("texter", "000000".equals(code) ? "111111" : "000000"), 400, 210);
    expect(login("texter", code), 200);
    expectError(login("texter", code), 400, 210);

    JsonObject challenged = expect(request(HttpMethod.POST, "/challenge", new JsonObject()
        .put("username", "texter").put("password", "pw")
        .put("challengeData", new JsonObject().put("mfa", new JsonObject()))), 200);
    assertEquals(new JsonObject().put("mfa", new JsonObject().put("sent", true)),
        challenged.getJsonObject("challengeData"));
    expect(login("texter", textedCode(mobile)), 200);
    expect(request(HttpMethod.POST, "/challenge", session, new JsonObject()
        .put("challengeData", new JsonObject().put("mfa", new JsonObject()))), 200);
    String bySession = textedCode(mobile);

    String stored = raw().user(user.getString("objectId")).encode();
    assertFalse(stored.contains(bySession), "codes are stored hashed");
    expect(login("texter", recovery[1]), 200);
    expect(login("texter", bySession), 200);

    expectError(login("texter", "request"), 400, 211);
    String expired = textedCode(mobile);
    var store = raw();
    JsonObject login = store.authData(store.user(user.getString("objectId")), "mfa")
        .getJsonObject("login").put("expiresAt", System.currentTimeMillis() - 1);
    store.mergeAuthData(user.getString("objectId"), "mfa", new JsonObject().put("login", login));
    expectError(login("texter", expired), 400, 210);
  }

  @Test
  void challengeRefusals() {
    expectError(request(HttpMethod.POST, "/challenge", new JsonObject()
        .put("username", "nobody").put("password", "pw")), 400, 107);
    expectError(request(HttpMethod.POST, "/challenge", new JsonObject()
        .put("username", "nobody").put("password", "pw")
        .put("challengeData", new JsonObject().put("mfa", new JsonObject()))), 404, 101);
    expectError(request(HttpMethod.POST, "/challenge", new JsonObject()
        .put("challengeData", new JsonObject().put("mfa", new JsonObject()))), 404, 101);
    expectError(request(HttpMethod.POST, "/challenge", new JsonObject()
        .put("username", "nobody").put("password", "pw")
        .put("challengeData", new JsonObject().put("facebook", new JsonObject()))), 400, 252);
    expect(request(HttpMethod.POST, "/users", new JsonObject().put("username", "plain")
        .put("password", "pw")), 201);
    JsonObject none = expectError(request(HttpMethod.POST, "/challenge", new JsonObject()
        .put("username", "plain").put("password", "pw")
        .put("challengeData", new JsonObject().put("mfa", new JsonObject()))), 400, 210);
    assertTrue(none.getString("error").contains("SMS"), none.encode());
  }
}
