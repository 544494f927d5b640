package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Parse JS SDK inside cloud code reaches, with no HTTP, what an app's handlers use beyond
 * objects: {@code Parse.Config}, {@code Parse.Role}, {@code Parse.Query#aggregate},
 * {@code Parse.Schema}, {@code Parse.User} sign-up and save (through auth-service, so the
 * password is hashed) and {@code Parse.Session.current}.
 */
class CloudSdkApiTest extends ApiTestBase {

  @BeforeAll
  static void bootWithCloudCode() throws Exception {
    Path main = Path.of(CloudSdkApiTest.class.getResource("/cloud/main.js").toURI());
    withConfig(Map.of("cloud", main.toString()));
  }

  @Test
  void theSdkReachesConfigRolesAggregateSchemasAndSessions() {
    Map<String, String> master = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.MASTER_KEY, MASTER_KEY);
    JsonObject result = expect(request(HttpMethod.POST, "/functions/sdkTour",
        new JsonObject().put("tag", "t1")), 200).getJsonObject("result");
    assertEquals("visited", result.getString("config"));
    assertEquals("tour_t1", result.getString("role"));
    assertEquals(6, result.getInteger("total"));
    assertEquals(true, result.getBoolean("sessionToken"));

    assertEquals("visited", expect(request(HttpMethod.GET, "/config", null), 200)
        .getJsonObject("params").getString("tour_t1"));
    assertEquals(1, expect(client.requestAbs(HttpMethod.GET, url("/roles"))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID).putHeader(ParseHeaders.MASTER_KEY,
            MASTER_KEY).addQueryParam("where", new JsonObject().put("name", "tour_t1").encode())
        .send().await(), 200).getJsonArray("results").size());
    assertEquals("String", expect(request(HttpMethod.GET, "/schemas/Tour_t1", master, null),
        200).getJsonObject("fields").getJsonObject("label").getString("type"));
    JsonObject user = expect(request(HttpMethod.GET, "/users/" + result.getString("userId"),
        master, null), 200);
    assertEquals("sdk paths", user.getString("motto"));
    expect(request(HttpMethod.POST, "/login", new JsonObject().put("username", "tour-t1")
        .put("password", "pw-tour")), 200);
  }
}
