package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Validators as Parse Server applies them: {@code requireAnyUserRoles}/{@code
 * requireAllUserRoles} count the roles a user inherits through other roles (cycles included),
 * and {@code rateLimit} on a function and on a trigger answers 429 with code 100 past its
 * count, sparing the master key and cloud code's own calls unless told otherwise.
 */
class CloudValidatorsApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);

  @BeforeAll
  static void bootWithCloudCode() throws Exception {
    Path main = Path.of(CloudValidatorsApiTest.class.getResource("/cloud/main.js").toURI());
    withConfig(Map.of("cloud", main.toString()));
  }

  private static JsonObject pointer(String className, String objectId) {
    return new JsonObject().put("__type", "Pointer").put("className", className)
        .put("objectId", objectId);
  }

  private static JsonObject addRelation(JsonObject target) {
    return new JsonObject().put("__op", "AddRelation").put("objects", new JsonArray().add(target));
  }

  private static String role(String name, JsonObject relations) {
    return expect(request(HttpMethod.POST, "/roles", MASTER, relations.copy().put("name", name)
        .put("ACL", new JsonObject().put("*", new JsonObject().put("read", true)))), 201)
        .getString("objectId");
  }

  private static HttpResponse<Buffer> call(String function, Map<String, String> headers) {
    return request(HttpMethod.POST, "/functions/" + function, headers, new JsonObject());
  }

  private static void tooMany(HttpResponse<Buffer> response, String message) {
    assertEquals(message, expectError(response, 429, 100).getString("error"));
  }

  @Test
  void rolesInheritedThroughOtherRolesCount() {
    JsonObject user = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "cv-junior").put("password", "pw")), 201);
    Map<String, String> asUser = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, user.getString("sessionToken"));
    // the user is in CvJunior only; CvAuditor's roles list CvJunior, CvChief's list CvAuditor,
    // and CvJunior's list CvAuditor back (a cycle)
    String junior = role("CvJunior", new JsonObject().put("users",
        addRelation(pointer("_User", user.getString("objectId")))));
    String auditor = role("CvAuditor", new JsonObject().put("roles",
        addRelation(pointer("_Role", junior))));
    role("CvChief", new JsonObject().put("roles", addRelation(pointer("_Role", auditor))));
    expect(request(HttpMethod.PUT, "/roles/" + junior, MASTER, new JsonObject()
        .put("roles", addRelation(pointer("_Role", auditor)))), 200);

    assertEquals("audited", expect(call("cvAuditorsOnly", asUser), 200).getString("result"));
    assertEquals("chief", expect(call("cvChiefAuditors", asUser), 200).getString("result"));
    assertEquals("Validation failed. User does not match the required roles.",
        expectError(call("cvOutsidersOnly", asUser), 400, 142).getString("error"));
  }

  @Test
  void aFunctionsRateLimitCountsCallersButNotTheMasterKey() {
    Map<String, String> plain = Map.of(ParseHeaders.APPLICATION_ID, APP_ID);
    expect(call("cvLimited", plain), 200);
    expect(call("cvLimited", plain), 200);
    tooMany(call("cvLimited", plain), "Too many requests.");
    expect(call("cvLimited", MASTER), 200);

    // includeMasterKey: the master key counts too, with the rule's message
    expect(call("cvLimitedForMaster", MASTER), 200);
    tooMany(call("cvLimitedForMaster", MASTER), "Calm down");
  }

  @Test
  void cloudCodesOwnCallsAreNotCounted() {
    // three calls from cloud code to a function allowed once a minute
    assertEquals("done", expect(call("cvCallsLimitedInside",
        Map.of(ParseHeaders.APPLICATION_ID, APP_ID)), 200).getString("result"));
    Map<String, String> plain = Map.of(ParseHeaders.APPLICATION_ID, APP_ID);
    expect(call("cvLimitedInside", plain), 200);
    tooMany(call("cvLimitedInside", plain), "Too many requests.");
  }

  @Test
  void aBeforeSavesRateLimitCountsSavesOnly() {
    String id = create("CvThrottled", new JsonObject().put("n", 1)).getString("objectId");
    expect(request(HttpMethod.PUT, "/classes/CvThrottled/" + id, new JsonObject().put("n", 2)),
        200);
    tooMany(request(HttpMethod.POST, "/classes/CvThrottled", new JsonObject().put("n", 3)),
        "Too many requests.");
    tooMany(request(HttpMethod.PUT, "/classes/CvThrottled/" + id, new JsonObject()
        .put("n", 4)), "Too many requests.");
    // reads are not limited by a beforeSave's rule, and the master key is spared
    assertEquals(2, expect(request(HttpMethod.GET, "/classes/CvThrottled/" + id, null), 200)
        .getInteger("n"));
    expect(request(HttpMethod.POST, "/classes/CvThrottled", MASTER, new JsonObject()
        .put("n", 6)), 201);
  }
}
