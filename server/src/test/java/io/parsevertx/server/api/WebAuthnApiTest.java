package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webauthn4j.test.authenticator.webauthn.NoneAttestationAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Passkeys end to end over HTTP with real WebAuthn cryptography: a software authenticator
 * registers through {@code POST /challenge} and {@code PUT /users/:id}, then logs in through
 * {@code POST /users}; forged, replayed and cloned credentials are refused.
 */
class WebAuthnApiTest extends ApiTestBase {
  private static final String ORIGIN = "https://app.example.com";

  @BeforeAll
  static void passkeys() {
    withConfig(Map.of("auth", "{\"webauthn\":{\"rpId\":\"app.example.com\","
        + "\"rpName\":\"Example\",\"origin\":\"" + ORIGIN + "\"}}"));
  }

  private record Account(String id, Map<String, String> session) {}

  private static Account signUp(String username) {
    JsonObject user = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", username).put("password", "pw")), 201);
    return new Account(user.getString("objectId"), Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, user.getString("sessionToken")));
  }

  private static JsonObject challenge(Map<String, String> headers) {
    return expect(request(HttpMethod.POST, "/challenge", headers, new JsonObject()
        .put("challengeData", new JsonObject().put("webauthn", new JsonObject()))), 200)
        .getJsonObject("challengeData").getJsonObject("webauthn");
  }

  private static JsonObject anonymousChallenge() {
    return challenge(Map.of(ParseHeaders.APPLICATION_ID, APP_ID));
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> register(
      Account account, String signedChallenge, JsonObject attestation) {
    return request(HttpMethod.PUT, "/users/" + account.id(), account.session(), new JsonObject()
        .put("authData", new JsonObject().put("webauthn", new JsonObject()
            .put("signedChallenge", signedChallenge).put("attestation", attestation))));
  }

  /** Registers a passkey and returns its credential id. */
  private static String registerPasskey(Account account, SoftwarePasskey passkey,
      String attestation) {
    JsonObject answer = challenge(account.session());
    JsonObject reply = expect(register(account, answer.getString("signedChallenge"),
        passkey.register(answer.getJsonObject("options"), attestation)), 200);
    return reply.getJsonObject("authDataResponse").getJsonObject("webauthn").getString("id");
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> logIn(
      String credentialId, String signedChallenge, JsonObject assertion) {
    return request(HttpMethod.POST, "/users", new JsonObject().put("authData", new JsonObject()
        .put("webauthn", new JsonObject().put("id", credentialId)
            .put("signedChallenge", signedChallenge).put("assertion", assertion))));
  }

  private static JsonObject logInWith(SoftwarePasskey passkey, String credentialId) {
    JsonObject answer = anonymousChallenge();
    return expect(logIn(credentialId, answer.getString("signedChallenge"),
        passkey.assertion(answer.getJsonObject("options"), credentialId)), 200);
  }

  /** A 101 refusal whose message names why. */
  private static void refused(io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>
      response, String reason) {
    String error = expectError(response, 404, 101).getString("error");
    assertTrue(error.toLowerCase(java.util.Locale.ROOT).contains(reason), error);
  }

  @Test
  void registersSeveralPasskeysAndLogsInWithEach() {
    Account account = signUp("passkey-user");
    JsonObject options = challenge(account.session()).getJsonObject("options");
    assertEquals("app.example.com", options.getJsonObject("rp").getString("id"));
    assertEquals("passkey-user", options.getJsonObject("user").getString("name"));

    SoftwarePasskey phone = new SoftwarePasskey(ORIGIN, new NoneAttestationAuthenticator());
    SoftwarePasskey key = new SoftwarePasskey(ORIGIN, new PackedAuthenticator());
    String phoneId = registerPasskey(account, phone, "none");
    String keyId = registerPasskey(account, key, "direct");
    assertNotEquals(phoneId, keyId);

    JsonObject me = expect(request(HttpMethod.GET, "/users/me", account.session(), null), 200);
    JsonObject shown = me.getJsonObject("authData").getJsonObject("webauthn");
    assertEquals(2, shown.getJsonArray("credentials").size());
    assertEquals(phoneId, shown.getJsonArray("credentials").getJsonObject(0).getString("id"));
    JsonObject master = expect(request(HttpMethod.GET, "/classes/_User?where="
        + "%7B%22username%22%3A%22passkey-user%22%7D", Map.of(ParseHeaders.APPLICATION_ID,
        APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY), null), 200);
    for (String reply : new String[] {me.encode(), master.encode()}) {
      assertFalse(reply.contains("publicKey") || reply.contains("counter"),
          "public keys and counters are never returned: " + reply);
    }
    var store = raw();
    assertTrue(store.authData(store.user(account.id()), "webauthn").encode()
        .contains("publicKey"), "the public keys are stored in Parse Server's authData layout");

    JsonObject phoneLogin = logInWith(phone, phoneId);
    assertEquals(account.id(), phoneLogin.getString("objectId"));
    assertTrue(phoneLogin.getString("sessionToken").startsWith("r:"));
    assertFalse(phoneLogin.encode().contains("publicKey"));
    assertEquals(account.id(), logInWith(key, keyId).getString("objectId"));
    assertEquals(account.id(), logInWith(phone, phoneId).getString("objectId"));
    expect(request(HttpMethod.GET, "/users/me", Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, phoneLogin.getString("sessionToken")), null), 200);
  }

  @Test
  void refusesReplayedForgedAndClonedCredentials() {
    Account account = signUp("passkey-refusals");
    SoftwarePasskey phone = new SoftwarePasskey(ORIGIN, new NoneAttestationAuthenticator());
    JsonObject registration = challenge(account.session());
    JsonObject attestation = phone.register(registration.getJsonObject("options"), "none");
    refused(register(account, "not-a-token", attestation), "invalid or expired");
    expect(register(account, registration.getString("signedChallenge"), attestation), 200);
    refused(register(account, registration.getString("signedChallenge"), attestation),
        "used already");
    // note: the spare authenticator's credentials are never registered (a new resident
    // credential for the same user would replace the phone's on the phone itself)
    SoftwarePasskey spare = new SoftwarePasskey(ORIGIN, new NoneAttestationAuthenticator());
    String id = spare.register(challenge(account.session()).getJsonObject("options"), "none")
        .getString("id");
    refused(logIn(id, anonymousChallenge().getString("signedChallenge"), new JsonObject()),
        "no user has");
    String phoneId = attestation.getString("id");

    // A registration challenge of another user does not register a passkey here.
    Account other = signUp("passkey-other");
    JsonObject othersChallenge = challenge(other.session());
    refused(register(account, othersChallenge.getString("signedChallenge"),
        spare.register(othersChallenge.getJsonObject("options"), "none")), "not for this request");

    // A log-in challenge is used once.
    JsonObject answer = anonymousChallenge();
    JsonObject assertion = phone.assertion(answer.getJsonObject("options"), phoneId);
    expect(logIn(phoneId, answer.getString("signedChallenge"), assertion), 200);
    refused(logIn(phoneId, answer.getString("signedChallenge"), assertion), "used already");
    // A registration challenge is no log-in challenge.
    JsonObject wrongPurpose = challenge(account.session());
    JsonObject registrationOptions = wrongPurpose.getJsonObject("options");
    refused(logIn(phoneId, wrongPurpose.getString("signedChallenge"), phone.assertion(
        new JsonObject().put("challenge", registrationOptions.getString("challenge"))
            .put("rpId", "app.example.com").put("timeout", registrationOptions.getLong("timeout")),
        phoneId)), "not for this request");

    // Wrong origin (at log-in and registration), wrong rpId, a bad signature.
    JsonObject evil = anonymousChallenge();
    phone.moveTo("https://evil.example.net");
    refused(logIn(phoneId, evil.getString("signedChallenge"),
        phone.assertion(evil.getJsonObject("options"), phoneId)), "origin");
    phone.moveTo(ORIGIN);
    JsonObject otherRp = challenge(account.session());
    JsonObject otherRpOptions = otherRp.getJsonObject("options").copy();
    otherRpOptions.getJsonObject("rp").put("id", "example.com");
    refused(register(account, otherRp.getString("signedChallenge"),
        spare.register(otherRpOptions, "none")), "rpidhash");
    JsonObject evilRegistration = challenge(account.session());
    spare.moveTo("https://evil.example.net");
    refused(register(account, evilRegistration.getString("signedChallenge"),
        spare.register(evilRegistration.getJsonObject("options"), "none")), "origin");
    JsonObject tampered = anonymousChallenge();
    JsonObject forged = phone.assertion(tampered.getJsonObject("options"), phoneId);
    byte[] signature = Base64.getUrlDecoder().decode(forged.getJsonObject("response")
        .getString("signature"));
    signature[signature.length - 1] ^= 1;
    forged.getJsonObject("response").put("signature",
        Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
    refused(logIn(phoneId, tampered.getString("signedChallenge"), forged),
        "signature is not valid");

    // A clone of the authenticator shows a counter that did not move on.
    logInWith(phone, phoneId);
    phone.authenticator().setCountUpEnabled(false);
    JsonObject cloned = anonymousChallenge();
    refused(logIn(phoneId, cloned.getString("signedChallenge"),
        phone.assertion(cloned.getJsonObject("options"), phoneId)), "counter");
  }
}
