package io.parsevertx.auth.authdata;

import io.parsevertx.common.auth.AuthDataAdapter;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.options.OptionsException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Sign in with Google or Apple: {@code authData: {"id": <sub>, "id_token": <JWT>}} (Apple's
 * clients send {@code token}). The token's signature is checked against the provider's JWKS
 * (fetched from {@code jwksUrl} and kept for an hour), then its expiry, its issuer, its audience
 * ({@code clientId}, required) and that its subject is {@code authData.id}.
 */
public final class IdTokenAdapter implements AuthDataAdapter {
  private static final long JWKS_CACHE_MILLIS = 3_600_000;

  private final String provider;
  private final String defaultJwksUrl;
  private final List<String> defaultIssuers;
  private WebClient client;
  private String jwksUrl;
  private List<String> issuers;
  private List<String> clientIds;
  private Vertx vertx;
  private JWTAuth verifier;
  private long verifierLoadedAt;

  IdTokenAdapter(String provider, String defaultJwksUrl, List<String> defaultIssuers) {
    this.provider = provider;
    this.defaultJwksUrl = defaultJwksUrl;
    this.defaultIssuers = defaultIssuers;
  }

  static IdTokenAdapter google() {
    return new IdTokenAdapter("google", "https://www.googleapis.com/oauth2/v3/certs",
        List.of("accounts.google.com", "https://accounts.google.com"));
  }

  static IdTokenAdapter apple() {
    return new IdTokenAdapter("apple", "https://appleid.apple.com/auth/keys",
        List.of("https://appleid.apple.com"));
  }

  @Override
  public void init(Vertx vertx, JsonObject options) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.jwksUrl = options.getString("jwksUrl", defaultJwksUrl);
    this.issuers = strings(options.getValue("issuers"), defaultIssuers);
    this.clientIds = strings(options.getValue("clientId"), List.of());
    if (clientIds.isEmpty()) {
      throw new OptionsException("Invalid option --auth: " + provider + " needs clientId");
    }
  }

  @Override
  public Future<Void> validateAuthData(JsonObject authData) {
    Object token = authData.getValue(authData.containsKey("id_token") ? "id_token" : "token");
    if (!(token instanceof String jwt) || !(authData.getValue("id") instanceof String id)) {
      return Future.failedFuture(invalid());
    }
    return verifier().compose(auth -> auth.authenticate(new TokenCredentials(jwt)))
        .recover(e -> Future.failedFuture(invalid()))
        .compose(user -> {
          JsonObject claims = user.principal();
          boolean audienceOk = claims.getValue("aud") instanceof JsonArray many
              ? many.stream().anyMatch(clientIds::contains) : clientIds.contains(
                  claims.getString("aud"));
          if (!audienceOk || !issuers.contains(claims.getString("iss"))
              || !id.equals(claims.getString("sub"))) {
            return Future.failedFuture(invalid());
          }
          return Future.<Void>succeededFuture();
        });
  }

  /** The verifier over the provider's current keys, fetched again once an hour. */
  private Future<JWTAuth> verifier() {
    long now = System.currentTimeMillis();
    if (verifier != null && now - verifierLoadedAt < JWKS_CACHE_MILLIS) {
      return Future.succeededFuture(verifier);
    }
    return client.getAbs(jwksUrl).send().map(response -> {
      if (response.statusCode() != 200) {
        throw new ParseException(ParseErrorCode.SERVICE_UNAVAILABLE,
            provider + " keys are not available");
      }
      List<JsonObject> keys = new ArrayList<>();
      response.bodyAsJsonObject().getJsonArray("keys", new JsonArray())
          .forEach(key -> keys.add((JsonObject) key));
      verifier = JWTAuth.create(vertx, new JWTAuthOptions().setJwks(keys));
      verifierLoadedAt = now;
      return verifier;
    });
  }

  private ParseException invalid() {
    return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND,
        provider + " auth is invalid for this user.");
  }

  private static List<String> strings(Object value, List<String> fallback) {
    if (value instanceof String s) {
      return List.of(s);
    }
    if (value instanceof JsonArray array) {
      return array.stream().map(String::valueOf).toList();
    }
    return fallback;
  }
}
