package io.parsevertx.server.api;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.data.DataServiceVerticle;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several data-service instances each cache schemas; a schema change made through one reaches
 * the others over the event bus, so none answers from a stale copy.
 */
class SchemaCacheApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);

  @BeforeAll
  static void moreDataServices() {
    suite.vertx().deployVerticle(DataServiceVerticle::new, new DeploymentOptions()
        .setConfig(suite.options()).setInstances(2)).await();
  }

  @Test
  void aDeletedFieldCanComeBackWithAnotherTypeOnEveryInstance() {
    for (int i = 0; i < 6; i++) {
      create("Cached", new JsonObject().put("value", i)); // every instance caches Number
    }
    expect(request(HttpMethod.PUT, "/schemas/Cached", MASTER, new JsonObject().put("fields",
        new JsonObject().put("value", new JsonObject().put("__op", "Delete")))), 200);
    for (int i = 0; i < 6; i++) {
      create("Cached", new JsonObject().put("value", "text " + i));
    }
  }
}
