package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.push.PushServiceVerticle;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Large sends as leased {@code _PushWork} slices: shared between two push-service instances,
 * and a slice whose sender died (its lease ran out) resumed by another instance from its saved
 * cursor, with the counts it had already recorded. A sender that hangs mid-send is in
 * {@link PushDrainApiTest}, where no other sender can take its slice first.
 */
class PushWorkApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = PushApiTest.MASTER;

  @BeforeAll
  static void twoPushServices() {
    withConfig(Map.of("push", new JsonObject().put("adapter", new JsonObject()
        .put("module", RecordingPushAdapter.class.getName())
        .put("options", new JsonObject().put("types", new JsonArray().add("web"))
            .put("delayMillis", 300))).encode()));
    suite.vertx().deployVerticle(PushServiceVerticle::new, new DeploymentOptions()
        .setConfig(suite.options())).await();
  }

  private static List<String> webInstallations(String channel, int n) {
    for (int i = 0; i < n; i++) {
      create("_Installation", new JsonObject().put("deviceType", "web")
          .put("installationId", UUID.randomUUID().toString())
          .put("deviceToken", channel + "-" + i).put("channels", new JsonArray().add(channel)));
    }
    JsonObject found = expect(client.requestAbs(HttpMethod.GET, url("/installations"))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY)
        .addQueryParam("where", new JsonObject().put("channels", channel).encode())
        .addQueryParam("order", "objectId").addQueryParam("limit", "1000")
        .send().await(), 200);
    return found.getJsonArray("results").stream()
        .map(i -> ((JsonObject) i).getString("objectId")).toList();
  }

  private static Set<String> sentTo(String alert) {
    return RecordingPushAdapter.CALLS.stream()
        .filter(c -> alert.equals(c.getJsonObject("body").getJsonObject("data")
            .getString("alert")))
        .flatMap(c -> c.getJsonArray("installations").stream())
        .map(i -> ((JsonObject) i).getString("objectId")).collect(Collectors.toSet());
  }

  private static List<JsonObject> slices(String statusId) {
    JsonObject found = expect(client.requestAbs(HttpMethod.GET, url("/classes/_PushWork"))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY)
        .addQueryParam("where", new JsonObject().put("pushStatusId", statusId).encode())
        .send().await(), 200);
    return found.getJsonArray("results").stream().map(JsonObject.class::cast).toList();
  }

  @Test
  void slicesAreSharedBetweenInstances() {
    String channel = "shared" + UUID.randomUUID().toString().substring(0, 6);
    List<String> ids = webInstallations(channel, 40);
    JsonObject status = PushApiTest.pushAndWait(new JsonObject().put("channels",
        new JsonArray().add(channel)).put("data", new JsonObject().put("alert", channel)));
    assertEquals(40, status.getInteger("numSent"), status::encode);
    assertEquals(Set.copyOf(ids), sentTo(channel));
    List<JsonObject> slices = slices(status.getString("objectId"));
    assertEquals(4, slices.size());
    assertTrue(slices.stream().allMatch(s -> s.getBoolean("done")));
    assertEquals(2, slices.stream().map(s -> s.getString("owner")).distinct().count(),
        () -> slices.toString());
  }

  @Test
  void aDeadSendersSliceIsResumedFromItsCursor() {
    String channel = "resume" + UUID.randomUUID().toString().substring(0, 6);
    List<String> ids = webInstallations(channel, 30);
    JsonObject where = new JsonObject().put("channels", new JsonObject()
        .put("$in", new JsonArray().add(channel)));
    String statusId = expect(request(HttpMethod.POST, "/classes/_PushStatus", MASTER,
        new JsonObject().put("status", "running").put("source", "rest")
            .put("query", where.encode())
            .put("payload", new JsonObject().put("alert", channel).encode())
            .put("count", 30).put("numSent", 10).put("numFailed", 0)), 201)
        .getString("objectId");
    // a sender that sent the first 10 and died: its lease ran out a moment ago
    expect(request(HttpMethod.POST, "/classes/_PushWork", MASTER, new JsonObject()
        .put("pushStatusId", statusId).put("slice", 0).put("done", false)
        .put("owner", "dead-instance").put("leaseUntil", System.currentTimeMillis() - 1)
        .put("cursor", ids.get(9)).put("numSent", 10).put("numFailed", 0)
        .put("sentPerType", new JsonObject().put("web", 10))), 201);
    JsonObject done = PushApiTest.waitForStatus(statusId, 15_000);
    assertEquals("succeeded", done.getString("status"), done::encode);
    assertEquals(30, done.getInteger("numSent"));
    assertEquals(new JsonObject().put("web", 30), done.getJsonObject("sentPerType"));
    assertEquals(Set.copyOf(ids.subList(10, 30)), sentTo(channel));
  }

  @Test
  void aLiveLeaseIsLeftAlone() throws InterruptedException {
    String channel = "leased" + UUID.randomUUID().toString().substring(0, 6);
    webInstallations(channel, 3);
    String statusId = expect(request(HttpMethod.POST, "/classes/_PushStatus", MASTER,
        new JsonObject().put("status", "running").put("query", new JsonObject()
            .put("channels", channel).encode())
            .put("payload", new JsonObject().put("alert", channel).encode())), 201)
        .getString("objectId");
    expect(request(HttpMethod.POST, "/classes/_PushWork", MASTER, new JsonObject()
        .put("pushStatusId", statusId).put("slice", 0).put("done", false)
        .put("owner", "busy-instance")
        .put("leaseUntil", System.currentTimeMillis() + 60_000)), 201);
    Thread.sleep(2_500);
    assertTrue(sentTo(channel).isEmpty());
    assertEquals("running", PushApiTest.status(statusId).getString("status"));
  }
}
