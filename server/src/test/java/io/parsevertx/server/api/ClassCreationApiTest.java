package io.parsevertx.server.api;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** By default (as in Parse Server) only the master key creates classes. */
class ClassCreationApiTest extends ApiTestBase {

  @BeforeAll
  static void secureDefault() {
    withConfig(Map.of("allowClientClassCreation", "false"));
  }

  @Test
  void clientsCannotCreateClassesButCanWriteExistingOnes() {
    expectError(request(HttpMethod.POST, "/classes/Invented", new JsonObject().put("a", 1)), 400,
        119);
    expect(request(HttpMethod.POST, "/classes/Invented", Map.of(ParseHeaders.APPLICATION_ID,
        APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY), new JsonObject().put("a", 1)), 201);
    expect(request(HttpMethod.POST, "/classes/Invented", new JsonObject().put("a", 2)), 201);
    expect(request(HttpMethod.POST, "/users", new JsonObject().put("username", "u")
        .put("password", "p")), 201);
  }
}
