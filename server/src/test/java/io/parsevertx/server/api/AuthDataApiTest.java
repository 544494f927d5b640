package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign in with Google: id tokens signed with a real RSA key, checked against a JWKS served by a
 * local HTTP server standing in for Google's key endpoint.
 */
class AuthDataApiTest extends ApiTestBase {
  private static final String CLIENT_ID = "test-client.apps.example";
  private static final String ISSUER = "https://accounts.google.com";
  private static Vertx keyHost;
  private static JWTAuth google;
  private static JWTAuth impostor;

  @BeforeAll
  static void googleKeys() throws Exception {
    keyHost = Vertx.vertx();
    KeyPair keys = rsa();
    google = signer(keys);
    impostor = signer(rsa());
    JsonObject jwks = new JsonObject().put("keys", new JsonArray().add(jwk((RSAPublicKey)
        keys.getPublic())));
    HttpServer server = keyHost.createHttpServer().requestHandler(request -> request.response()
        .putHeader("Content-Type", "application/json").end(jwks.encode()))
        .listen(0, "127.0.0.1").await();
    withConfig(Map.of("auth", new JsonObject().put("google", new JsonObject()
        .put("clientId", CLIENT_ID).put("jwksUrl", "http://127.0.0.1:" + server.actualPort()
            + "/oauth2/v3/certs")).encode()));
  }

  @AfterAll
  static void stopKeys() {
    keyHost.close().await();
  }

  private static JsonObject signIn(String id, String token) {
    return new JsonObject().put("authData", new JsonObject().put("google", new JsonObject()
        .put("id", id).put("id_token", token)));
  }

  private static String token(JWTAuth signer, String sub, String aud, String iss, long expOffset) {
    long now = System.currentTimeMillis() / 1000;
    return signer.generateToken(new JsonObject().put("sub", sub).put("aud", aud)
        .put("iss", iss).put("iat", now).put("exp", now + expOffset),
        new JWTOptions().setAlgorithm("RS256"));
  }

  @Test
  void aValidIdTokenSignsUpThenLogsIn() {
    String good = token(google, "g-123", CLIENT_ID, ISSUER, 300);
    JsonObject created = expect(request(HttpMethod.POST, "/users", signIn("g-123", good)), 201);
    JsonObject again = expect(request(HttpMethod.POST, "/users", signIn("g-123", good)), 200);
    assertEquals(created.getString("objectId"), again.getString("objectId"));
    JsonObject me = expect(request(HttpMethod.GET, "/users/me", Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN,
        again.getString("sessionToken")), null), 200);
    JsonObject stored = me.getJsonObject("authData").getJsonObject("google");
    assertEquals("g-123", stored.getString("id"));
    assertFalse(stored.containsKey("id_token"), "the provider's token is not kept");
  }

  @Test
  void everyBadTokenIsRefused() {
    expectError(request(HttpMethod.POST, "/users", signIn("g-9",
        token(google, "g-9", "someone-else", ISSUER, 300))), 404, 101);
    expectError(request(HttpMethod.POST, "/users", signIn("g-9",
        token(google, "g-other", CLIENT_ID, ISSUER, 300))), 404, 101);
    expectError(request(HttpMethod.POST, "/users", signIn("g-9",
        token(google, "g-9", CLIENT_ID, "https://evil.example", 300))), 404, 101);
    expectError(request(HttpMethod.POST, "/users", signIn("g-9",
        token(google, "g-9", CLIENT_ID, ISSUER, -60))), 404, 101);
    expectError(request(HttpMethod.POST, "/users", signIn("g-9",
        token(impostor, "g-9", CLIENT_ID, ISSUER, 300))), 404, 101);
    expectError(request(HttpMethod.POST, "/users", signIn("g-9", "not.a.jwt")), 404, 101);
    expectError(request(HttpMethod.POST, "/users", new JsonObject().put("authData",
        new JsonObject().put("apple", new JsonObject().put("id", "a")))), 400, 252);
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static JWTAuth signer(KeyPair keys) {
    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(
        keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----";
    return JWTAuth.create(keyHost, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm("RS256").setId("key-1").setBuffer(pem)));
  }

  private static JsonObject jwk(RSAPublicKey key) {
    return new JsonObject().put("kty", "RSA").put("kid", "key-1").put("alg", "RS256")
        .put("use", "sig").put("n", unsigned(key.getModulus()))
        .put("e", unsigned(key.getPublicExponent()));
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
