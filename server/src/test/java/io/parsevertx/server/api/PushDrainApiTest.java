package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.push.PushServiceVerticle;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A push-service instance that stops mid-send drains: the page in flight finishes and is
 * recorded, and the slice is handed back at once, so the next instance resumes it from the
 * saved cursor (every installation reached exactly once) instead of waiting out the lease. And a
 * scheduled push found due after its {@code expiration_time} is recorded as failed, not sent.
 *
 * <p>The suite itself runs no push worker here (no {@code push} option), so the instances this
 * test deploys are the only senders and the order of events is certain.
 */
class PushDrainApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = PushApiTest.MASTER;

  @BeforeAll
  static void noSuiteSender() {
    withConfig(Map.of());
  }

  private static JsonObject sender(String label, long delayMillis, int batchSize) {
    return suite.options().copy().put("push", new JsonObject().put("adapter", new JsonObject()
        .put("module", RecordingPushAdapter.class.getName())
        .put("options", new JsonObject().put("types", new JsonArray().add("web"))
            .put("delayMillis", delayMillis).put("label", label)))
        .put("queueOptions", new JsonObject().put("batchSize", batchSize)
            .put("leaseSeconds", 60)));
  }

  private static List<JsonObject> callsFor(String channel) {
    return RecordingPushAdapter.CALLS.stream().filter(c -> channel.equals(c.getJsonObject(
        "body").getJsonObject("data").getString("alert"))).toList();
  }

  @Test
  void aStoppingSenderFinishesItsPageAndHandsTheSliceBack() {
    String channel = "drain" + UUID.randomUUID().toString().substring(0, 6);
    for (int i = 0; i < 30; i++) {
      create("_Installation", new JsonObject().put("deviceType", "web")
          .put("installationId", UUID.randomUUID().toString())
          .put("deviceToken", channel + "-" + i).put("channels", new JsonArray().add(channel)));
    }
    String statusId = expect(request(HttpMethod.POST, "/classes/_PushStatus", MASTER,
        new JsonObject().put("status", "running").put("source", "rest")
            .put("query", new JsonObject().put("channels", channel).encode())
            .put("payload", new JsonObject().put("alert", channel).encode())
            .put("count", 30).put("numSent", 0).put("numFailed", 0)), 201)
        .getString("objectId");
    String sliceId = expect(request(HttpMethod.POST, "/classes/_PushWork", MASTER,
        new JsonObject().put("pushStatusId", statusId).put("slice", 0).put("done", false)
            .put("leaseUntil", 0L)), 201).getString("objectId");

    // pages of 5, each taking 800 ms: stopped while a page is with the provider
    String slow = suite.vertx().deployVerticle(PushServiceVerticle::new,
        new DeploymentOptions().setConfig(sender("slow", 800, 5))).await();
    PushApiTest.waitUntil(() -> !callsFor(channel).isEmpty(), 10_000);
    suite.vertx().undeploy(slow).await();

    int handedToSlow = callsFor(channel).stream()
        .mapToInt(c -> c.getJsonArray("installations").size()).sum();
    JsonObject slice = expect(request(HttpMethod.GET, "/classes/_PushWork/" + sliceId, MASTER,
        null), 200);
    assertEquals(handedToSlow, slice.getInteger("numSent"), slice::encode);
    assertTrue(handedToSlow < 30, () -> "the slow sender sent everything: " + handedToSlow);
    assertNotNull(slice.getString("cursor"), slice::encode);
    assertTrue(slice.getLong("leaseUntil") < System.currentTimeMillis(), slice::encode);

    // the lease lasts a minute; a handed-back slice is resumed by the next instance at once
    String fast = suite.vertx().deployVerticle(PushServiceVerticle::new,
        new DeploymentOptions().setConfig(sender("fast", 0, 500))).await();
    try {
      JsonObject done = PushApiTest.waitForStatus(statusId, 10_000);
      assertEquals("succeeded", done.getString("status"), done::encode);
      assertEquals(30, done.getInteger("numSent"), done::encode);
      List<String> reached = callsFor(channel).stream()
          .flatMap(c -> c.getJsonArray("installations").stream())
          .map(i -> ((JsonObject) i).getString("deviceToken")).toList();
      assertEquals(30, reached.size(), () -> "each installation once: " + reached);
      assertEquals(30, reached.stream().distinct().count());
    } finally {
      suite.vertx().undeploy(fast).await();
    }
  }

  @Test
  void aScheduledPushFoundDueAfterItExpiredIsNotSent() {
    String channel = "expired" + UUID.randomUUID().toString().substring(0, 6);
    create("_Installation", new JsonObject().put("deviceType", "web")
        .put("installationId", UUID.randomUUID().toString()).put("deviceToken", channel)
        .put("channels", new JsonArray().add(channel)));
    // as left behind by an instance that accepted it and then every instance was down
    long past = System.currentTimeMillis() - 60_000;
    JsonObject body = new JsonObject().put("channels", new JsonArray().add(channel))
        .put("data", new JsonObject().put("alert", channel))
        .put("push_time", io.parsevertx.common.types.ParseDates.format(
            java.time.Instant.ofEpochMilli(past - 60_000)))
        .put("expiration_time", io.parsevertx.common.types.ParseDates.format(
            java.time.Instant.ofEpochMilli(past)));
    String statusId = expect(request(HttpMethod.POST, "/classes/_PushStatus", MASTER,
        new JsonObject().put("status", "scheduled").put("source", "rest")
            .put("pushTime", body.getString("push_time"))
            .put("query", new JsonObject().put("channels", channel).encode())
            .put("payload", body.getJsonObject("data").encode())
            .put("scheduledBody", body.encode())), 201).getString("objectId");
    JsonObject config = sender("scheduler", 0, 500).put(io.parsevertx.common.options.ParseServerOptions.SCHEDULED_PUSH, true);
    String instance = suite.vertx().deployVerticle(PushServiceVerticle::new,
        new DeploymentOptions().setConfig(config)).await();
    try {
      JsonObject done = PushApiTest.waitForStatus(statusId, 10_000);
      assertEquals("failed", done.getString("status"), done::encode);
      assertTrue(done.getString("errorMessage").contains("expired"), done::encode);
      assertTrue(callsFor(channel).isEmpty());
    } finally {
      suite.vertx().undeploy(instance).await();
    }
  }

  @Test
  void aSliceResumedAfterThePushExpiredIsNotSent() {
    String channel = "late" + UUID.randomUUID().toString().substring(0, 6);
    create("_Installation", new JsonObject().put("deviceType", "web")
        .put("installationId", UUID.randomUUID().toString()).put("deviceToken", channel)
        .put("channels", new JsonArray().add(channel)));
    // a running push whose sender died; by the time its slice is free, the push has expired
    String statusId = expect(request(HttpMethod.POST, "/classes/_PushStatus", MASTER,
        new JsonObject().put("status", "running").put("source", "rest")
            .put("query", new JsonObject().put("channels", channel).encode())
            .put("payload", new JsonObject().put("alert", channel).encode())
            .put("expiry", System.currentTimeMillis() - 1_000).put("count", 1)), 201)
        .getString("objectId");
    expect(request(HttpMethod.POST, "/classes/_PushWork", MASTER, new JsonObject()
        .put("pushStatusId", statusId).put("slice", 0).put("done", false)
        .put("owner", "dead-instance").put("leaseUntil", 0L)), 201);
    String instance = suite.vertx().deployVerticle(PushServiceVerticle::new,
        new DeploymentOptions().setConfig(sender("late", 0, 500))).await();
    try {
      JsonObject done = PushApiTest.waitForStatus(statusId, 10_000);
      assertEquals("failed", done.getString("status"), done::encode);
      assertTrue(done.getString("errorMessage").contains("expired"), done::encode);
      assertTrue(callsFor(channel).isEmpty());
    } finally {
      suite.vertx().undeploy(instance).await();
    }
  }

  @Test
  void aHungSendersSliceIsTakenOverWhenItsLeaseRunsOut() {
    String channel = "hung" + UUID.randomUUID().toString().substring(0, 6);
    for (int i = 0; i < 12; i++) {
      create("_Installation", new JsonObject().put("deviceType", "web")
          .put("installationId", UUID.randomUUID().toString())
          .put("deviceToken", channel + "-" + i).put("channels", new JsonArray().add(channel)));
    }
    String statusId = expect(request(HttpMethod.POST, "/classes/_PushStatus", MASTER,
        new JsonObject().put("status", "running").put("source", "rest")
            .put("query", new JsonObject().put("channels", channel).encode())
            .put("payload", new JsonObject().put("alert", channel).encode())
            .put("count", 12)), 201).getString("objectId");
    expect(request(HttpMethod.POST, "/classes/_PushWork", MASTER, new JsonObject()
        .put("pushStatusId", statusId).put("slice", 0).put("done", false)
        .put("leaseUntil", 0L)), 201);
    // the only sender at first: its sends never finish, its leases last one second
    JsonObject hangs = suite.options().copy().put("push", new JsonObject().put("adapter",
        new JsonObject().put("module", RecordingPushAdapter.class.getName())
            .put("options", new JsonObject().put("types", new JsonArray().add("web"))
                .put("hang", true).put("label", "hung")))
        .put("queueOptions", new JsonObject().put("batchSize", 5).put("leaseSeconds", 1)));
    String hung = suite.vertx().deployVerticle(PushServiceVerticle::new,
        new DeploymentOptions().setConfig(hangs)).await();
    PushApiTest.waitUntil(() -> !callsFor(channel).isEmpty(), 10_000);
    String fast = suite.vertx().deployVerticle(PushServiceVerticle::new,
        new DeploymentOptions().setConfig(sender("fast", 0, 5))).await();
    try {
      JsonObject done = PushApiTest.waitForStatus(statusId, 15_000);
      assertEquals("succeeded", done.getString("status"), done::encode);
      assertEquals(12, done.getInteger("numSent"), done::encode);
      java.util.Set<String> reached = callsFor(channel).stream()
          .flatMap(c -> c.getJsonArray("installations").stream())
          .map(i -> ((JsonObject) i).getString("deviceToken"))
          .collect(java.util.stream.Collectors.toSet());
      assertEquals(12, reached.size());
      // the page the hung sender held was handed to an adapter again: at least once
      int handed = callsFor(channel).stream()
          .mapToInt(c -> c.getJsonArray("installations").size()).sum();
      assertTrue(handed > 12, () -> "handed " + handed);
    } finally {
      suite.vertx().undeploy(fast).await();
      suite.vertx().undeploy(hung).await(); // note: its drain waits out the hung page (10 s)
    }
  }
}
