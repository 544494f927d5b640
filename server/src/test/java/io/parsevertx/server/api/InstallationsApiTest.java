package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code /installations} and {@code _Installation} through {@code /classes}: required fields,
 * de-duplication by installationId and deviceToken, immutable ids, channel names, and the
 * installation class's access rules.
 */
class InstallationsApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);

  private static String newId() {
    return UUID.randomUUID().toString();
  }

  private static String newToken() {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
  }

  private static JsonObject install(JsonObject body, int status) {
    return expect(request(HttpMethod.POST, "/installations", body), status);
  }

  private static JsonObject read(String objectId) {
    return expect(request(HttpMethod.GET, "/installations/" + objectId, MASTER, null), 200);
  }

  @Test
  void deviceTypeAndAnIdAreRequired() {
    expectError(request(HttpMethod.POST, "/installations", new JsonObject()
        .put("installationId", newId())), 400, 135);
    expectError(request(HttpMethod.POST, "/installations", new JsonObject()
        .put("deviceType", "ios")), 400, 135);
    // the installation id may come from the SDK's header instead
    expect(request(HttpMethod.POST, "/installations", Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.INSTALLATION_ID, newId()), new JsonObject().put("deviceType", "web")), 201);
  }

  @Test
  void theSameInstallationIdRegisteringAgainUpdatesOneInstallation() {
    String id = newId();
    JsonObject first = install(new JsonObject().put("installationId", id)
        .put("deviceType", "android").put("channels", new JsonArray().add("news")), 201);
    JsonObject again = install(new JsonObject().put("installationId", id.toUpperCase())
        .put("deviceType", "android").put("channels", new JsonArray().add("sports")), 200);
    assertEquals(first.getString("objectId"), again.getString("objectId"));
    JsonObject stored = read(first.getString("objectId"));
    assertEquals(new JsonArray().add("sports"), stored.getJsonArray("channels"));
    assertEquals(id, stored.getString("installationId"));
  }

  @Test
  void theSameDeviceTokenWithoutInstallationIdUpdatesOneInstallation() {
    String token = newToken();
    JsonObject first = install(new JsonObject().put("deviceToken", token.toUpperCase())
        .put("deviceType", "ios"), 201);
    assertEquals(token, read(first.getString("objectId")).getString("deviceToken"));
    JsonObject again = install(new JsonObject().put("deviceToken", token)
        .put("deviceType", "ios").put("badge", 3), 200);
    assertEquals(first.getString("objectId"), again.getString("objectId"));
    assertEquals(3, read(first.getString("objectId")).getInteger("badge"));
  }

  @Test
  void aTokenMovingToANewInstallationLeavesTheOldOne() {
    String token = newToken();
    String old = install(new JsonObject().put("installationId", newId())
        .put("deviceToken", token).put("deviceType", "ios"), 201).getString("objectId");
    String fresh = install(new JsonObject().put("installationId", newId())
        .put("deviceToken", token).put("deviceType", "ios"), 201).getString("objectId");
    assertNotEquals(old, fresh);
    expectError(request(HttpMethod.GET, "/installations/" + old, MASTER, null), 404, 101);
    assertEquals(token, read(fresh).getString("deviceToken"));
  }

  @Test
  void anInstallationIdMeetingATokenOnlyInstallationMergesIntoIt() {
    String token = newToken();
    String id = newId();
    String tokenOnly = install(new JsonObject().put("deviceToken", token)
        .put("deviceType", "ios"), 201).getString("objectId");
    String idOnly = install(new JsonObject().put("installationId", id)
        .put("deviceType", "ios"), 201).getString("objectId");
    JsonObject merged = install(new JsonObject().put("installationId", id)
        .put("deviceToken", token).put("deviceType", "ios"), 200);
    assertEquals(tokenOnly, merged.getString("objectId"));
    expectError(request(HttpMethod.GET, "/installations/" + idOnly, MASTER, null), 404, 101);
    assertEquals(id, read(tokenOnly).getString("installationId"));
  }

  @Test
  void aTokenHeldByInstallationsOfTwoAppsNeedsAnInstallationId() {
    String token = newToken();
    install(new JsonObject().put("installationId", newId()).put("deviceToken", token)
        .put("deviceType", "ios").put("appIdentifier", "com.example.one"), 201);
    JsonObject second = install(new JsonObject().put("installationId", newId())
        .put("deviceToken", token).put("deviceType", "ios")
        .put("appIdentifier", "com.example.two").put("badge", 7), 201);
    JsonObject stored = read(second.getString("objectId"));
    assertEquals("com.example.two", stored.getString("appIdentifier"));
    assertEquals(7, stored.getInteger("badge"));
    expectError(request(HttpMethod.POST, "/installations", new JsonObject()
        .put("deviceToken", token).put("deviceType", "ios")), 400, 132);
  }

  @Test
  void idsAndDeviceTypeMayNotChange() {
    String objectId = install(new JsonObject().put("installationId", newId())
        .put("deviceType", "android"), 201).getString("objectId");
    expectError(request(HttpMethod.PUT, "/installations/" + objectId, new JsonObject()
        .put("installationId", newId())), 400, 136);
    expectError(request(HttpMethod.PUT, "/installations/" + objectId, new JsonObject()
        .put("deviceType", "ios")), 400, 136);
    expect(request(HttpMethod.PUT, "/installations/" + objectId, new JsonObject()
        .put("deviceToken", "fcm-token-1").put("timeZone", "Europe/Paris")), 200);
    expectError(request(HttpMethod.PUT, "/installations/nothere", new JsonObject()
        .put("badge", 1)), 404, 101);
  }

  @Test
  void channelNamesAreChecked() {
    expectError(request(HttpMethod.POST, "/installations", new JsonObject()
        .put("installationId", newId()).put("deviceType", "ios")
        .put("channels", new JsonArray().add("1st"))), 400, 112);
    String objectId = install(new JsonObject().put("installationId", newId())
        .put("deviceType", "ios").put("channels", new JsonArray().add("").add("Giants_2")), 201)
        .getString("objectId");
    expectError(request(HttpMethod.PUT, "/installations/" + objectId, new JsonObject()
        .put("channels", new JsonObject().put("__op", "AddUnique")
            .put("objects", new JsonArray().add("no spaces")))), 400, 112);
    expect(request(HttpMethod.PUT, "/installations/" + objectId, new JsonObject()
        .put("channels", new JsonObject().put("__op", "AddUnique")
            .put("objects", new JsonArray().add("Mets")))), 200);
    assertEquals(new JsonArray().add("").add("Giants_2").add("Mets"),
        read(objectId).getJsonArray("channels"));
  }

  @Test
  void findNeedsTheInstallationIdOrTheMasterKeyAndDeleteTheMasterKey() {
    String id = newId();
    String objectId = install(new JsonObject().put("installationId", id)
        .put("deviceType", "ios"), 201).getString("objectId");
    expectError(request(HttpMethod.GET, "/installations", null), 400, 119);
    JsonObject mine = expect(client.requestAbs(HttpMethod.GET, url("/installations"))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .addQueryParam("where", new JsonObject().put("installationId", id).encode())
        .send().await(), 200);
    assertEquals(1, mine.getJsonArray("results").size());
    expect(request(HttpMethod.GET, "/installations", MASTER, null), 200);
    expectError(request(HttpMethod.DELETE, "/installations/" + objectId, null), 400, 119);
    expect(request(HttpMethod.DELETE, "/installations/" + objectId, MASTER, null), 200);
  }

  @Test
  void classesInstallationFollowsTheSameRules() {
    String id = newId();
    JsonObject first = create("_Installation", new JsonObject().put("installationId", id)
        .put("deviceType", "osx"));
    JsonObject again = expect(request(HttpMethod.POST, "/classes/_Installation", new JsonObject()
        .put("installationId", id).put("deviceType", "osx").put("appName", "Mail")), 200);
    assertEquals(first.getString("objectId"), again.getString("objectId"));
    expectError(request(HttpMethod.POST, "/classes/_Installation", new JsonObject()
        .put("installationId", newId())), 400, 135);
  }
}
