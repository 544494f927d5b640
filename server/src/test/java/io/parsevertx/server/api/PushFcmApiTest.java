package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Android through the Firebase Admin SDK (FCM HTTP v1, service-account OAuth) against a local
 * server speaking that API: Parse's Android payload, time to live, unregistered tokens, and a
 * send larger than one {@code sendEach} chunk.
 */
class PushFcmApiTest extends ApiTestBase {
  private static Vertx stubVertx;
  private static FcmStub fcm;

  @BeforeAll
  static void bootWithFcm() throws Exception {
    stubVertx = Vertx.vertx();
    fcm = new FcmStub(stubVertx);
    withConfig(Map.of("push", new JsonObject().put("android", new JsonObject()
        .put("firebaseServiceAccount", new JsonObject(fcm.serviceAccount()))
        .put("fcmEndpoint", "http://localhost:" + fcm.port)).encode()));
  }

  @AfterAll
  static void stopFcm() {
    fcm.close();
    stubVertx.close().await();
  }

  private static String android(String channel) {
    String token = "fcm-" + UUID.randomUUID();
    expect(request(HttpMethod.POST, "/installations", new JsonObject()
        .put("deviceType", "android").put("installationId", UUID.randomUUID().toString())
        .put("deviceToken", token).put("channels", new JsonArray().add(channel))), 201);
    return token;
  }

  private static List<JsonObject> to(String token) {
    return fcm.received.stream().filter(m -> token.equals(m.getString("token"))).toList();
  }

  @Test
  void androidGetsParsesPayloadThroughFcm() {
    String channel = "a" + UUID.randomUUID().toString().substring(0, 6);
    String token = android(channel);
    long expires = Instant.now().plusSeconds(600).getEpochSecond();
    JsonObject status = PushApiTest.pushAndWait(new JsonObject().put("channels",
        new JsonArray().add(channel)).put("expiration_time", expires)
        .put("data", new JsonObject().put("alert", "Hi").put("title", "T").put("uri", "app://x")));
    assertEquals(1, status.getInteger("numSent"), status::encode);
    assertEquals(new JsonObject().put("android", 1), status.getJsonObject("sentPerType"));
    JsonObject message = to(token).get(0);
    assertEquals("Bearer stub-access-token", message.getString("auth"));
    JsonObject android = message.getJsonObject("android");
    assertEquals("high", android.getString("priority"));
    JsonObject data = android.getJsonObject("data");
    assertEquals(new JsonObject().put("alert", "Hi").put("title", "T").put("uri", "app://x"),
        new JsonObject(data.getString("data")));
    assertEquals(status.getString("objectId"), data.getString("push_id"));
    long ttl = Long.parseLong(android.getString("ttl").replace("s", "").split("\\.")[0]);
    assertTrue(ttl > 500 && ttl <= 600, android::encode);
  }

  @Test
  void anUnregisteredTokenIsRemoved() {
    String channel = "b" + UUID.randomUUID().toString().substring(0, 6);
    String good = android(channel);
    String gone = android(channel);
    fcm.unregistered.add(gone);
    JsonObject status = PushApiTest.pushAndWait(new JsonObject().put("channels",
        new JsonArray().add(channel)).put("data", new JsonObject().put("alert", "x")));
    assertEquals(1, status.getInteger("numSent"), status::encode);
    assertEquals(new JsonObject().put("android", 1), status.getJsonObject("failedPerType"));
    JsonObject found = expect(client.requestAbs(HttpMethod.GET, url("/installations"))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY)
        .addQueryParam("where", new JsonObject().put("channels", channel).encode())
        .send().await(), 200);
    List<Object> tokens = found.getJsonArray("results").stream()
        .map(i -> ((JsonObject) i).getValue("deviceToken")).toList();
    assertTrue(tokens.contains(good) && !tokens.contains(gone), found::encode);
  }

  @Test
  void aLargeSendGoesOutInPagesAndChunks() {
    String channel = "c" + UUID.randomUUID().toString().substring(0, 6);
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 1200; i++) {
      batch.add(new JsonObject().put("method", "POST").put("path", "/parse/installations")
          .put("body", new JsonObject().put("deviceType", "android")
              .put("installationId", UUID.randomUUID().toString())
              .put("deviceToken", "bulk-" + channel + "-" + i)
              .put("channels", new JsonArray().add(channel))));
      if (batch.size() == 50) {
        assertEquals(200, request(HttpMethod.POST, "/batch", PushApiTest.MASTER,
            new JsonObject().put("requests", batch)).statusCode());
        batch = new JsonArray();
      }
    }
    JsonObject status = PushApiTest.pushAndWait(new JsonObject().put("channels",
        new JsonArray().add(channel)).put("data", new JsonObject().put("alert", "all")));
    assertEquals(1200, status.getInteger("count"), status::encode);
    assertEquals(1200, status.getInteger("numSent"), status::encode);
    assertEquals(1200, fcm.received.stream().filter(m -> m.getString("token")
        .startsWith("bulk-" + channel)).map(m -> m.getString("token")).distinct().count());
  }

  @Test
  void androidBadgesAndLocalesArePerInstallation() {
    String channel = "d" + UUID.randomUUID().toString().substring(0, 6);
    String token = "fcm-" + UUID.randomUUID();
    String installationId = expect(request(HttpMethod.POST, "/installations", new JsonObject()
        .put("deviceType", "android").put("installationId", UUID.randomUUID().toString())
        .put("deviceToken", token).put("badge", 3).put("localeIdentifier", "fr-FR")
        .put("channels", new JsonArray().add(channel))), 201).getString("objectId");
    JsonObject status = PushApiTest.pushAndWait(new JsonObject().put("channels",
        new JsonArray().add(channel)).put("data", new JsonObject().put("alert", "Hello")
            .put("alert-fr", "Bonjour").put("badge", "Increment")));
    assertEquals(1, status.getInteger("numSent"), status::encode);
    JsonObject data = new JsonObject(to(token).get(0).getJsonObject("android")
        .getJsonObject("data").getString("data"));
    assertEquals("Bonjour", data.getString("alert"), data::encode);
    assertEquals(4, data.getInteger("badge"), data::encode);
    assertTrue(!data.containsKey("alert-fr"), data::encode);
    JsonObject saved = expect(request(HttpMethod.GET, "/installations/" + installationId,
        PushApiTest.MASTER, null), 200);
    assertEquals(4, saved.getInteger("badge"), saved::encode);
  }
}
