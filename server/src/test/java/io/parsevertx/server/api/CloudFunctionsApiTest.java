package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.Future;
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
 * {@code POST /functions/:name} against an app's unchanged {@code cloud/main.js}
 * (test resources) in GraalJS: results, {@code require} of a relative file, async handlers,
 * validators, thrown errors with their codes, and handlers that never finish stopped at
 * {@code cloudTimeout} without stalling the other contexts.
 */
class CloudFunctionsApiTest extends ApiTestBase {
  private static final long TIMEOUT = 1_500;

  @BeforeAll
  static void bootWithCloudCode() throws Exception {
    Path main = Path.of(CloudFunctionsApiTest.class.getResource("/cloud/main.js").toURI());
    withConfig(Map.of("cloud", main.toString(), "cloudTimeout", String.valueOf(TIMEOUT)));
  }

  private static HttpResponse<Buffer> run(String name, JsonObject params) {
    return request(HttpMethod.POST, "/functions/" + name, params);
  }

  @Test
  void aFunctionAnswersWithItsResult() {
    assertEquals(new JsonObject().put("result", "Hello, Ada!"),
        expect(run("hello", new JsonObject().put("name", "Ada")), 200));
    assertEquals(new JsonObject().put("result", 4),
        expect(run("averageStars", new JsonObject().put("stars", new JsonArray().add(3).add(5))),
            200));
    assertEquals(new JsonObject().put("result", true),
        expect(run("logs", new JsonObject()), 200));
    // a package from the app's node_modules, through require()
    assertEquals("hello-cloud-code", expect(run("slug", new JsonObject()
        .put("text", " Hello, Cloud Code! ")), 200).getString("result"));
  }

  @Test
  void anUnknownFunctionIs141() {
    JsonObject error = expectError(run("noSuchFunction", new JsonObject()), 400, 141);
    assertEquals("Invalid function: \"noSuchFunction\"", error.getString("error"));
  }

  @Test
  void validatorsGuardTheHandler() {
    expectError(run("whoAmI", new JsonObject()), 400, 142);
    expectError(run("masterOnly", new JsonObject()), 400, 142);
    assertEquals("secret", expect(request(HttpMethod.POST, "/functions/masterOnly",
        Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY),
        new JsonObject()), 200).getString("result"));
    expectError(run("typed", new JsonObject()), 400, 142);
    expectError(run("typed", new JsonObject().put("count", "three")), 400, 142);
    expectError(run("typed", new JsonObject().put("count", 3).put("mode", "c")), 400, 142);
    assertEquals(6, expect(run("typed", new JsonObject().put("count", 3)), 200)
        .getInteger("result"));
  }

  @Test
  void theCallingUserIsTheRequestsUser() {
    String token = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "cloud-caller").put("password", "pw")), 201).getString("sessionToken");
    JsonObject result = expect(request(HttpMethod.POST, "/functions/whoAmI", Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN, token,
        ParseHeaders.INSTALLATION_ID, "device-1"), new JsonObject()), 200)
        .getJsonObject("result");
    assertEquals(new JsonObject().put("master", false).put("user", "cloud-caller")
        .put("installationId", "device-1"), result);
  }

  @Test
  void thrownErrorsKeepTheirCodes() {
    JsonObject notFound = expectError(run("throwsParseError", new JsonObject()), 404, 101);
    assertEquals("nothing here", notFound.getString("error"));
    assertEquals("plain failure",
        expectError(run("throwsString", new JsonObject()), 400, 141).getString("error"));
    assertEquals("async failure",
        expectError(run("rejects", new JsonObject()), 400, 141).getString("error"));
  }

  @Test
  void aHandlerThatNeverFinishesIsStoppedAndTheOthersKeepServing() {
    long started = System.currentTimeMillis();
    // one context spins; the other one keeps answering meanwhile
    Future<HttpResponse<Buffer>> loop = client.requestAbs(HttpMethod.POST,
        url("/functions/endlessLoop")).putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .sendJsonObject(new JsonObject());
    for (int i = 0; i < 5; i++) {
      expect(run("hello", new JsonObject()), 200);
    }
    JsonObject timedOut = expectError(loop.await(), 400, 124);
    assertTrue(timedOut.getString("error").contains("" + TIMEOUT), timedOut::encode);
    assertTrue(System.currentTimeMillis() - started < TIMEOUT + 5_000);
    expectError(run("neverSettles", new JsonObject()), 400, 124);
    // the stopped contexts were replaced, with the app's code loaded again
    for (int i = 0; i < 4; i++) {
      assertEquals("Hello, world!", expect(run("hello", new JsonObject()), 200)
          .getString("result"));
    }
  }

  @Test
  void theParseSdkInsideAHandlerSavesAndQueries() {
    JsonObject result = expect(run("saveAndQuery", new JsonObject().put("player", "ada")
        .put("points", 42)), 200).getJsonObject("result");
    assertEquals(1, result.getInteger("count"), result::encode);
    assertEquals(42, result.getInteger("points"));
    JsonObject stored = expect(request(HttpMethod.GET, "/classes/CloudScore/"
        + result.getString("id"), null), 200);
    assertEquals("ada", stored.getString("player"));
    assertEquals(new JsonObject().put("result", "Hello, nested!"),
        expect(run("callsAnother", new JsonObject()), 200));
    JsonObject thing = expect(run("returnsObject", new JsonObject()), 200)
        .getJsonObject("result");
    assertEquals("Object", thing.getString("__type"), thing::encode);
    assertEquals("CloudThing", thing.getString("className"));
    assertEquals("thing", thing.getString("name"));
    assertEquals(3, expect(run("saveAll", new JsonObject()), 200).getInteger("result"));
  }

  @Test
  void theSdkActsAsTheCallerWithTheirSessionToken() {
    JsonObject user = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "sdk-caller").put("password", "pw")), 201);
    JsonObject result = expect(request(HttpMethod.POST, "/functions/asCaller", Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN,
        user.getString("sessionToken")), new JsonObject()), 200).getJsonObject("result");
    // the note is readable by its owner only: the anonymous query inside sees nothing
    assertEquals(new JsonObject().put("mine", 1).put("anonymous", 0)
        .put("owner", user.getString("objectId")), result);
  }
}
