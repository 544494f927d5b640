package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TOTP MFA: set-up with a code, required at log-in, codes not reusable, recovery codes once. */
class MfaApiTest extends ApiTestBase {

  @BeforeAll
  static void mfa() {
    withConfig(Map.of("auth", "{\"mfa\":{\"enabled\":true,\"options\":[\"TOTP\"]}}"));
  }

  private static String code(String secret, long stepOffset) throws Exception {
    return new DefaultCodeGenerator().generate(secret,
        System.currentTimeMillis() / 1000 / 30 + stepOffset);
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> logIn(
      String user, JsonObject authData) {
    JsonObject body = new JsonObject().put("username", user).put("password", "pw");
    return request(HttpMethod.POST, "/login", authData == null ? body
        : body.put("authData", authData));
  }

  @Test
  void totpSetUpThenRequiredAtLoginWithRecoveryCodesOnce() throws Exception {
    JsonObject user = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "mfa-user").put("password", "pw")), 201);
    Map<String, String> session = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, user.getString("sessionToken"));
    String path = "/users/" + user.getString("objectId");
    String secret = new DefaultSecretGenerator(32).generate();

    expectError(request(HttpMethod.PUT, path, session, new JsonObject().put("authData",
        new JsonObject().put("mfa", new JsonObject().put("secret", secret)
            .put("token", "000000")))), 400, 210);
    JsonObject setUp = expect(request(HttpMethod.PUT, path, session, new JsonObject()
        .put("authData", new JsonObject().put("mfa", new JsonObject().put("secret", secret)
            .put("token", code(secret, -1))))), 200);
    String[] recovery = setUp.getJsonObject("authDataResponse").getJsonObject("mfa")
        .getString("recovery").split(", ");
    assertEquals(2, recovery.length);
    assertEquals(30, recovery[0].length());

    JsonObject me = expect(request(HttpMethod.GET, "/users/me", session, null), 200);
    assertEquals(new JsonObject().put("status", "enabled"),
        me.getJsonObject("authData").getJsonObject("mfa"));
    JsonObject seenByMaster = expect(request(HttpMethod.GET, path, Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY), null), 200);
    assertFalse(seenByMaster.encode().contains(secret), "the secret is shown to no one");

    expectError(logIn("mfa-user", null), 400, 211);
    expectError(logIn("mfa-user", new JsonObject().put("mfa", new JsonObject()
        .put("token", "123"))), 400, 210);
    String current = code(secret, 0);
    expect(logIn("mfa-user", new JsonObject().put("mfa", new JsonObject()
        .put("token", current))), 200);
    expectError(logIn("mfa-user", new JsonObject().put("mfa", new JsonObject()
        .put("token", current))), 400, 210);
    expectError(logIn("mfa-user", new JsonObject().put("mfa", new JsonObject()
        .put("token", code(secret, -1)))), 400, 210);

    expect(logIn("mfa-user", new JsonObject().put("mfa", new JsonObject()
        .put("token", recovery[0]))), 200);
    expectError(logIn("mfa-user", new JsonObject().put("mfa", new JsonObject()
        .put("token", recovery[0]))), 400, 210);
    expectError(request(HttpMethod.PUT, path, session, new JsonObject().put("authData",
        new JsonObject().put("mfa", new JsonObject().put("secret", secret)
            .put("token", code(secret, 0))))), 400, 210);
    expectError(request(HttpMethod.PUT, path, session, new JsonObject().put("authData",
        new JsonObject().putNull("mfa"))), 400, 210);
  }
}
