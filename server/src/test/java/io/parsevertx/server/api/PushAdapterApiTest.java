package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.server.ApiTestBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code push.adapter}: a custom {@link io.parsevertx.push.PushAdapter} replaces the default, is
 * handed the installations of the types it serves, and its results are counted; without any
 * push configuration a push is refused with 115.
 */
class PushAdapterApiTest extends ApiTestBase {

  @Test
  void aCustomAdapterReceivesTheInstallationsOfItsTypes() {
    withConfig(Map.of("push", new JsonObject().put("adapter", new JsonObject()
        .put("module", RecordingPushAdapter.class.getName())
        .put("options", new JsonObject().put("types", new JsonArray().add("web")))).encode()));
    RecordingPushAdapter.CALLS.clear();
    for (String token : new String[] {"w1", "w2", "fail"}) {
      create("_Installation", new JsonObject().put("deviceType", "web")
          .put("installationId", "web-" + token).put("deviceToken", token));
    }
    create("_Installation", new JsonObject().put("deviceType", "ios")
        .put("installationId", "ios-1").put("deviceToken", "i1"));
    create("_Installation", new JsonObject().put("deviceType", "web")
        .put("installationId", "web-no-token"));
    JsonObject status = PushApiTest.pushAndWait(new JsonObject().put("where", new JsonObject())
        .put("data", new JsonObject().put("alert", "hi").put("custom", true)));
    // note: one call per page of each slice of the objectId range
    int reached = 0;
    for (JsonObject call : RecordingPushAdapter.CALLS) {
      assertEquals(new JsonObject().put("alert", "hi").put("custom", true),
          call.getJsonObject("body").getJsonObject("data"));
      assertEquals(status.getString("objectId"), call.getJsonObject("body")
          .getString("push_id"));
      reached += call.getJsonArray("installations").size();
    }
    assertEquals(3, reached);
    assertEquals(2, status.getInteger("numSent"), status::encode);
    assertEquals(1, status.getInteger("numFailed"));
    assertEquals(new JsonObject().put("web", 1), status.getJsonObject("failedPerType"));
    assertEquals(3, status.getInteger("count"));
  }

  @Test
  void theReadOnlyMasterKeyMayNotPush() {
    withConfig(Map.of("readOnlyMasterKey", "read-only-key"));
    expectError(request(io.vertx.core.http.HttpMethod.POST, "/push", Map.of(
        io.parsevertx.common.ParseHeaders.APPLICATION_ID, APP_ID,
        io.parsevertx.common.ParseHeaders.MASTER_KEY, "read-only-key"), new JsonObject()
        .put("channels", new JsonArray().add("a")).put("data", new JsonObject()
            .put("alert", "x"))), 400, 119);
  }

  @Test
  void withoutPushConfigurationAPushIsRefused() {
    withConfig(Map.of());
    expectError(PushApiTest.push(new JsonObject().put("channels", new JsonArray().add("a"))
        .put("data", new JsonObject().put("alert", "x"))), 400, 115);
  }
}
