package io.parsevertx.server.api;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.data.DataServiceVerticle;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Roles are cached per user for a few seconds on every data-service instance; a change to a
 * role made through one instance reaches the caches of all of them at once.
 */
class RoleCacheApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);

  @BeforeAll
  static void moreDataServices() {
    suite.vertx().deployVerticle(DataServiceVerticle::new, new DeploymentOptions()
        .setConfig(suite.options()).setInstances(2)).await();
  }

  @Test
  void joiningAndLeavingARoleTakesEffectAtOnceEverywhere() {
    JsonObject user = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "rc-user").put("password", "pw")), 201);
    Map<String, String> as = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, user.getString("sessionToken"));
    JsonObject member = new JsonObject().put("__type", "Pointer").put("className", "_User")
        .put("objectId", user.getString("objectId"));
    String roleId = expect(request(HttpMethod.POST, "/classes/_Role", MASTER, new JsonObject()
        .put("name", "club").put("ACL", new JsonObject().put("*", new JsonObject()
            .put("read", true)))), 201).getString("objectId");
    String secret = expect(request(HttpMethod.POST, "/classes/ClubNote", MASTER, new JsonObject()
        .put("text", "members only").put("ACL", new JsonObject().put("role:club",
            new JsonObject().put("read", true)))), 201).getString("objectId");
    for (int i = 0; i < 4; i++) { // every instance caches "no roles"
      expectError(request(HttpMethod.GET, "/classes/ClubNote/" + secret, as, null), 404, 101);
    }
    expect(request(HttpMethod.PUT, "/classes/_Role/" + roleId, MASTER, new JsonObject()
        .put("users", new JsonObject().put("__op", "AddRelation")
            .put("objects", new JsonArray().add(member)))), 200);
    for (int i = 0; i < 4; i++) {
      expect(request(HttpMethod.GET, "/classes/ClubNote/" + secret, as, null), 200);
    }
    expect(request(HttpMethod.PUT, "/classes/_Role/" + roleId, MASTER, new JsonObject()
        .put("users", new JsonObject().put("__op", "RemoveRelation")
            .put("objects", new JsonArray().add(member)))), 200);
    for (int i = 0; i < 4; i++) {
      expectError(request(HttpMethod.GET, "/classes/ClubNote/" + secret, as, null), 404, 101);
    }
  }
}
