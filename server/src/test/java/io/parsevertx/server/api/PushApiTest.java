package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /push} through APNs (Pushy against its MockApnsServer over HTTP/2 and TLS): the
 * three ways to authenticate, configuration chosen by appIdentifier, the payload, badges,
 * locales, expiration, scheduled pushes (also across a restart), {@code _PushStatus}, and
 * unregistered tokens.
 */
class PushApiTest extends ApiTestBase {
  static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);
  private static MockApns apns;

  @BeforeAll
  static void bootWithPush() throws Exception {
    apns = new MockApns();
    withConfig(pushConfig(null));
  }

  @AfterAll
  static void stopApns() throws Exception {
    apns.close();
  }

  /** Sandbox .p12 for com.example.app, production token key for com.example.other, PEM osx. */
  static Map<String, String> pushConfig(String databaseUri) {
    JsonObject push = new JsonObject()
        .put("ios", new JsonArray()
            .add(apns.config(new JsonObject().put("pfx", MockApns.path("client.p12"))
                .put("passphrase", "test-pass").put("bundleId", "com.example.app")
                .put("production", false)))
            .add(apns.config(new JsonObject().put("token", new JsonObject()
                    .put("key", MockApns.path("AuthKey_TESTKEY123.p8")).put("keyId", "TESTKEY123")
                    .put("teamId", "TEAM123456"))
                .put("topic", "com.example.other").put("production", true))))
        .put("osx", apns.config(new JsonObject().put("cert", MockApns.path("client.pem"))
            .put("key", MockApns.path("client-pkcs8.key")).put("bundleId", "com.example.mac")));
    return databaseUri == null ? Map.of("push", push.encode(), "scheduledPush", "true")
        : Map.of("push", push.encode(), "scheduledPush", "true", "databaseURI", databaseUri);
  }

  static String newToken() {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
  }

  /** A new installation with a token; returns the token. */
  static String installation(JsonObject fields) {
    String token = newToken();
    expect(request(HttpMethod.POST, "/installations", fields.copy()
        .put("installationId", UUID.randomUUID().toString()).put("deviceToken", token)), 201);
    return token;
  }

  static HttpResponse<Buffer> push(JsonObject body) {
    return request(HttpMethod.POST, "/push", MASTER, body);
  }

  /** Sends and waits until its _PushStatus is final; returns that status. */
  static JsonObject pushAndWait(JsonObject body) {
    HttpResponse<Buffer> response = push(body);
    assertEquals(new JsonObject().put("result", true), expect(response, 200));
    String statusId = response.getHeader(ParseHeaders.PUSH_STATUS_ID);
    assertNotNull(statusId);
    return waitForStatus(statusId, 10_000);
  }

  static JsonObject status(String statusId) {
    return expect(request(HttpMethod.GET, "/classes/_PushStatus/" + statusId, MASTER, null),
        200);
  }

  static JsonObject waitForStatus(String statusId, long millis) {
    waitUntil(() -> {
      String s = status(statusId).getString("status");
      return "succeeded".equals(s) || "failed".equals(s);
    }, millis);
    return status(statusId);
  }

  static void waitUntil(BooleanSupplier condition, long millis) {
    long end = System.currentTimeMillis() + millis;
    while (!condition.getAsBoolean()) {
      assertTrue(System.currentTimeMillis() < end, "timed out");
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static JsonObject ios(String channel) {
    return new JsonObject().put("deviceType", "ios").put("channels", new JsonArray()
        .add(channel));
  }

  @Test
  void onlyTheMasterKeyPushes() {
    HttpResponse<Buffer> refused = request(HttpMethod.POST, "/push", new JsonObject()
        .put("channels", new JsonArray().add("a")).put("data", new JsonObject()
            .put("alert", "x")));
    assertEquals(403, refused.statusCode());
  }

  @Test
  void aChannelPushReachesItsDevicesAndIsCounted() {
    String a = installation(ios("news").put("appIdentifier", "com.example.app"));
    String b = installation(ios("news").put("appIdentifier", "com.example.app"));
    installation(ios("sports"));
    JsonObject status = pushAndWait(new JsonObject().put("channels", new JsonArray().add("news"))
        .put("data", new JsonObject().put("alert", "Giants won").put("sound", "cheer.caf")
            .put("gameId", 42)));
    assertEquals("succeeded", status.getString("status"), status::encode);
    assertEquals(2, status.getInteger("numSent"));
    assertEquals(0, status.getInteger("numFailed"));
    assertEquals(2, status.getInteger("count"));
    assertEquals(new JsonObject().put("ios", 2), status.getJsonObject("sentPerType"));
    assertEquals("rest", status.getString("source"));
    JsonObject payload = apns.to(a).get(0).getJsonObject("payload");
    assertEquals(new JsonObject().put("aps", new JsonObject().put("alert", "Giants won")
        .put("sound", "cheer.caf")).put("gameId", 42), payload);
    assertEquals("com.example.app", apns.to(a).get(0).getString("topic"));
    assertEquals(1, apns.to(b).size());
  }

  @Test
  void theConfigurationIsChosenByAppIdentifierElseProductionFirst() {
    String channel = "pick" + UUID.randomUUID().toString().substring(0, 6);
    String sandboxApp = installation(ios(channel).put("appIdentifier", "com.example.app"));
    String tokenApp = installation(ios(channel).put("appIdentifier", "com.example.other"));
    String unknownApp = installation(ios(channel).put("appIdentifier", "com.example.unknown"));
    String mac = installation(new JsonObject().put("deviceType", "osx")
        .put("channels", new JsonArray().add(channel)));
    JsonObject status = pushAndWait(new JsonObject().put("channels", new JsonArray()
        .add(channel)).put("data", new JsonObject().put("alert", "hi")));
    assertEquals(4, status.getInteger("numSent"), status::encode);
    assertEquals(new JsonObject().put("ios", 3).put("osx", 1),
        status.getJsonObject("sentPerType"));
    assertEquals("com.example.app", apns.to(sandboxApp).get(0).getString("topic"));
    assertEquals("com.example.other", apns.to(tokenApp).get(0).getString("topic"));
    // no bundleId matches: every ios configuration may be tried, production (token) first
    assertEquals("com.example.other", apns.to(unknownApp).get(0).getString("topic"));
    assertEquals("com.example.mac", apns.to(mac).get(0).getString("topic"));
  }

  @Test
  void anUnregisteredTokenIsRemovedFromItsInstallation() {
    String channel = "gone" + UUID.randomUUID().toString().substring(0, 6);
    String good = installation(ios(channel).put("appIdentifier", "com.example.app"));
    String gone = installation(ios(channel).put("appIdentifier", "com.example.app"));
    apns.unregistered.add(gone);
    JsonObject status = pushAndWait(new JsonObject().put("channels", new JsonArray()
        .add(channel)).put("data", new JsonObject().put("alert", "hello")));
    assertEquals(1, status.getInteger("numSent"), status::encode);
    assertEquals(1, status.getInteger("numFailed"));
    assertEquals(new JsonObject().put("ios", 1), status.getJsonObject("failedPerType"));
    JsonObject found = expect(client.requestAbs(HttpMethod.GET, url("/installations"))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY)
        .addQueryParam("where", new JsonObject().put("channels", channel).encode())
        .send().await(), 200);
    List<String> tokens = found.getJsonArray("results").stream()
        .map(i -> ((JsonObject) i).getString("deviceToken")).toList();
    assertTrue(tokens.contains(good), found::encode);
    assertFalse(tokens.contains(gone), found::encode);
    assertEquals(2, tokens.size());
  }

  @Test
  void appleKeysGoIntoApsAndHeaders() {
    String channel = "keys" + UUID.randomUUID().toString().substring(0, 6);
    String token = installation(ios(channel).put("appIdentifier", "com.example.app"));
    long expires = Instant.now().plusSeconds(3600).getEpochSecond();
    pushAndWait(new JsonObject().put("where", new JsonObject().put("channels", channel))
        .put("expiration_time", expires)
        .put("data", new JsonObject().put("alert", "body").put("title", "Title")
            .put("content-available", 1).put("mutable-content", 1).put("category", "NEWS")
            .put("push_type", "background").put("priority", 5).put("uri", "app://x")
            .put("collapse_id", "score-42")));
    JsonObject received = apns.to(token).get(0);
    assertEquals(new JsonObject().put("aps", new JsonObject()
            .put("alert", new JsonObject().put("title", "Title").put("body", "body"))
            .put("content-available", 1).put("mutable-content", 1).put("category", "NEWS"))
        .put("uri", "app://x"), received.getJsonObject("payload"));
    assertEquals("background", received.getString("pushType"));
    assertEquals("5", received.getString("priority"));
    assertEquals("score-42", received.getString("collapseId"));
    assertEquals(String.valueOf(expires), received.getString("expiration"));
  }

  @Test
  void expirationIntervalCountsFromTheSend() {
    String channel = "ttl" + UUID.randomUUID().toString().substring(0, 6);
    String token = installation(ios(channel).put("appIdentifier", "com.example.app"));
    long before = Instant.now().getEpochSecond();
    JsonObject status = pushAndWait(new JsonObject().put("channels", new JsonArray()
        .add(channel)).put("expiration_interval", 600).put("data", new JsonObject()
            .put("alert", "soon")));
    assertEquals(600, status.getInteger("expiration_interval"));
    long expiration = Long.parseLong(apns.to(token).get(0).getString("expiration"));
    assertTrue(expiration >= before + 600 && expiration <= before + 660, () -> "" + expiration);
  }

  @Test
  void badgeIncrementIsPerInstallationAndSaved() {
    String channel = "badge" + UUID.randomUUID().toString().substring(0, 6);
    String two = installation(ios(channel).put("badge", 2).put("appIdentifier",
        "com.example.app"));
    String none = installation(ios(channel).put("appIdentifier", "com.example.app"));
    pushAndWait(new JsonObject().put("channels", new JsonArray().add(channel))
        .put("data", new JsonObject().put("alert", "new mail").put("badge", "Increment")));
    assertEquals(3, apns.to(two).get(0).getJsonObject("payload").getJsonObject("aps")
        .getInteger("badge"));
    assertEquals(1, apns.to(none).get(0).getJsonObject("payload").getJsonObject("aps")
        .getInteger("badge"));
    pushAndWait(new JsonObject().put("channels", new JsonArray().add(channel))
        .put("data", new JsonObject().put("badge", "Increment")));
    assertEquals(4, apns.to(two).get(1).getJsonObject("payload").getJsonObject("aps")
        .getInteger("badge"));
    JsonObject stored = expect(client.requestAbs(HttpMethod.GET, url("/installations"))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY)
        .addQueryParam("where", new JsonObject().put("deviceToken", two).encode())
        .send().await(), 200);
    assertEquals(4, stored.getJsonArray("results").getJsonObject(0).getInteger("badge"));
  }

  @Test
  void localizedAlertsReachTheirLocales() {
    String channel = "loc" + UUID.randomUUID().toString().substring(0, 6);
    String fr = installation(ios(channel).put("localeIdentifier", "fr-FR")
        .put("appIdentifier", "com.example.app"));
    String en = installation(ios(channel).put("localeIdentifier", "en-US")
        .put("appIdentifier", "com.example.app"));
    pushAndWait(new JsonObject().put("channels", new JsonArray().add(channel))
        .put("data", new JsonObject().put("alert", "Hello").put("alert-fr", "Bonjour")));
    assertEquals(new JsonObject().put("alert", "Bonjour"),
        apns.to(fr).get(0).getJsonObject("payload").getJsonObject("aps"));
    assertEquals(new JsonObject().put("aps", new JsonObject().put("alert", "Hello")),
        apns.to(en).get(0).getJsonObject("payload"));
  }

  @Test
  void wrongBodiesAreRefused() {
    JsonObject data = new JsonObject().put("alert", "x");
    expectError(push(new JsonObject().put("data", data)), 400, 115);
    expectError(push(new JsonObject().put("channels", new JsonArray().add("a"))
        .put("where", new JsonObject()).put("data", data)), 400, 115);
    expectError(push(new JsonObject().put("channels", new JsonArray().add("a"))), 400, 115);
    expectError(push(new JsonObject().put("channels", new JsonArray().add("a")).put("data", data)
        .put("expiration_time", 1).put("expiration_interval", 2)), 400, 115);
    expectError(push(new JsonObject().put("channels", new JsonArray().add("a")).put("data", data)
        .put("expiration_interval", -1)), 400, 115);
    expectError(push(new JsonObject().put("channels", new JsonArray().add("a")).put("data", data)
        .put("push_time", "not a date")), 400, 152);
  }

  @Test
  void aScheduledPushWaitsForItsTime() {
    String channel = "later" + UUID.randomUUID().toString().substring(0, 6);
    String token = installation(ios(channel).put("appIdentifier", "com.example.app"));
    HttpResponse<Buffer> response = push(new JsonObject().put("channels", new JsonArray()
        .add(channel)).put("push_time", Instant.now().plusSeconds(2).toString())
        .put("data", new JsonObject().put("alert", "later")));
    String statusId = response.getHeader(ParseHeaders.PUSH_STATUS_ID);
    assertEquals("scheduled", status(statusId).getString("status"));
    assertTrue(apns.to(token).isEmpty());
    assertEquals("succeeded", waitForStatus(statusId, 10_000).getString("status"));
    assertEquals(1, apns.to(token).size());
  }

  @Test
  void aScheduledPushSurvivesARestart() {
    String channel = "restart" + UUID.randomUUID().toString().substring(0, 6);
    String token = installation(ios(channel).put("appIdentifier", "com.example.app"));
    HttpResponse<Buffer> response = push(new JsonObject().put("channels", new JsonArray()
        .add(channel)).put("push_time", Instant.now().plusSeconds(8).toString())
        .put("data", new JsonObject().put("alert", "after the restart")));
    // note: well after the restart: a send that starts while the old suite is stopping loses
    // its APNs connection mid-way (known: #12's notes), which is not what this test is about
    String statusId = response.getHeader(ParseHeaders.PUSH_STATUS_ID);
    withConfig(pushConfig(suite.options().getString("databaseURI")));
    assertTrue(apns.to(token).isEmpty());
    assertEquals("succeeded", waitForStatus(statusId, 20_000).getString("status"));
    assertEquals(1, apns.to(token).size());
  }
}
