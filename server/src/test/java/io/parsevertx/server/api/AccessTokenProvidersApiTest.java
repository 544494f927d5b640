package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Facebook, GitHub and an OAuth2 introspection endpoint, each played by a local HTTP server that
 * answers as the real one does; a custom adapter loaded by class name; linking and unlinking
 * providers on a user (208 when the identity belongs to someone else).
 */
class AccessTokenProvidersApiTest extends ApiTestBase {
  private static Vertx providers;

  @BeforeAll
  static void localProviders() {
    providers = Vertx.vertx();
    Router router = Router.router(providers);
    router.route().handler(BodyHandler.create());
    router.get("/graph/me").handler(ctx -> {
      String token = ctx.request().getParam("access_token");
      String id = switch (String.valueOf(token)) {
        case "good-fb" -> "fb-1";
        case "good-fb2" -> "fb-2";
        default -> null;
      };
      if (id == null) {
        ctx.response().setStatusCode(400).end("{\"error\":{\"message\":\"Invalid OAuth\"}}");
      } else {
        ctx.json(new JsonObject().put("id", id));
      }
    });
    router.get("/github/user").handler(ctx -> {
      if ("bearer good-gh".equals(ctx.request().getHeader("Authorization"))) {
        ctx.json(new JsonObject().put("id", 42).put("login", "octo"));
      } else {
        ctx.response().setStatusCode(401).end("{\"message\":\"Bad credentials\"}");
      }
    });
    router.post("/oauth/introspect").handler(ctx -> {
      if (!"Basic c2VjcmV0".equals(ctx.request().getHeader("Authorization"))) {
        ctx.response().setStatusCode(401).end();
        return;
      }
      String token = ctx.request().getFormAttribute("token");
      ctx.json("good-o".equals(token) ? new JsonObject().put("active", true).put("sub", "o-1")
          : new JsonObject().put("active", false));
    });
    HttpServer server = providers.createHttpServer().requestHandler(router)
        .listen(0, "127.0.0.1").await();
    String base = "http://127.0.0.1:" + server.actualPort();
    withConfig(Map.of("auth", new JsonObject()
        .put("facebook", new JsonObject().put("graphUrl", base + "/graph"))
        .put("github", new JsonObject().put("apiUrl", base + "/github"))
        .put("custom", new JsonObject().put("module",
            "io.parsevertx.server.api.PasswordWordAdapter").put("word", "open-sesame"))
        .put("corp", new JsonObject().put("oauth2", true)
            .put("tokenIntrospectionEndpointUrl", base + "/oauth/introspect")
            .put("authorizationHeader", "Basic c2VjcmV0")).encode()));
  }

  @AfterAll
  static void stopProviders() {
    providers.close().await();
  }

  private static JsonObject with(String provider, String id, String token) {
    return new JsonObject().put("authData", new JsonObject().put(provider, new JsonObject()
        .put("id", id).put("access_token", token)));
  }

  @Test
  void eachProviderSignsInWithAValidToken() {
    expect(request(HttpMethod.POST, "/users", with("facebook", "fb-1", "good-fb")), 201);
    expect(request(HttpMethod.POST, "/users", with("facebook", "fb-1", "good-fb")), 200);
    expect(request(HttpMethod.POST, "/users", with("github", "42", "good-gh")), 201);
    expect(request(HttpMethod.POST, "/users", with("corp", "o-1", "good-o")), 201);
  }

  @Test
  void customAdaptersLoadByClassName() {
    JsonObject good = new JsonObject().put("authData", new JsonObject().put("custom",
        new JsonObject().put("id", "c-1").put("word", "open-sesame")));
    expect(request(HttpMethod.POST, "/users", good), 201);
    expectError(request(HttpMethod.POST, "/users", new JsonObject().put("authData",
        new JsonObject().put("custom", new JsonObject().put("id", "c-1").put("word", "no")))),
        404, 101);
  }

  @Test
  void badTokensAndWrongIdsAreRefused() {
    expectError(request(HttpMethod.POST, "/users", with("facebook", "fb-1", "stolen")), 404, 101);
    expectError(request(HttpMethod.POST, "/users", with("facebook", "fb-9", "good-fb")), 404,
        101);
    expectError(request(HttpMethod.POST, "/users", with("github", "43", "good-gh")), 404, 101);
    expectError(request(HttpMethod.POST, "/users", with("corp", "o-1", "expired")), 404, 101);
    expectError(request(HttpMethod.POST, "/users", new JsonObject().put("authData",
        new JsonObject().put("facebook", new JsonObject().put("access_token", "good-fb")))),
        400, 250);
  }

  @Test
  void linkingAndUnlinking() {
    JsonObject owner = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "linker").put("password", "pw")), 201);
    Map<String, String> asOwner = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, owner.getString("sessionToken"));
    String path = "/users/" + owner.getString("objectId");
    expectError(request(HttpMethod.PUT, path, asOwner, with("facebook", "fb-2", "stolen")), 404,
        101);
    expect(request(HttpMethod.PUT, path, asOwner, with("facebook", "fb-2", "good-fb2")), 200);
    assertEquals(owner.getString("objectId"), expect(request(HttpMethod.POST, "/users",
        with("facebook", "fb-2", "good-fb2")), 200).getString("objectId"));

    JsonObject other = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "thief").put("password", "pw")), 201);
    expectError(request(HttpMethod.PUT, "/users/" + other.getString("objectId"), Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN,
        other.getString("sessionToken")), with("facebook", "fb-2", "good-fb2")), 400, 208);

    expect(request(HttpMethod.PUT, path, asOwner, new JsonObject().put("authData",
        new JsonObject().putNull("facebook"))), 200);
    assertNotEquals(owner.getString("objectId"), expect(request(HttpMethod.POST, "/users",
        with("facebook", "fb-2", "good-fb2")), 201).getString("objectId"));
  }
}
