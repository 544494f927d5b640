package io.parsevertx.auth.webauthn;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * WebAuthn challenges that need no server-side state until they are used: the challenge
 * travels inside a short-lived token signed by the server ({@code signedChallenge}), bound to
 * its purpose (register or log in) and, for a registration, to the user. Using one records its
 * id through data-service's request-id ledger ({@code _Idempotency}), which every process
 * shares, so each is accepted once.
 */
final class SignedChallenges {
  static final String REGISTER = "register";
  static final String LOG_IN = "login";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final JWTAuth jwt;
  private final long ttlSeconds;
  private final DataServiceClient ledger;

  SignedChallenges(JWTAuth jwt, long ttlSeconds, DataServiceClient ledger) {
    this.jwt = jwt;
    this.ttlSeconds = ttlSeconds;
    this.ledger = ledger;
  }

  /** A new challenge (base64url) and the token that carries it. */
  record Issued(String challenge, String signedChallenge) {}

  Issued issue(String purpose, String userId) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String challenge = BASE64URL.encodeToString(bytes);
    JsonObject claims = new JsonObject().put("chl", challenge).put("use", purpose)
        .put("jti", UUID.randomUUID().toString());
    if (userId != null) {
      claims.put("sub", userId);
    }
    return new Issued(challenge, jwt.generateToken(claims, new JWTOptions()
        .setAlgorithm("HS256").setExpiresInSeconds((int) ttlSeconds)));
  }

  long ttlSeconds() {
    return ttlSeconds;
  }

  /**
   * Uses a challenge up.
   *
   * @return its bytes; fails with 101 when the token is not this server's, expired, made for
   *     another purpose or user, or was used before
   */
  Future<byte[]> redeem(Object signedChallenge, String purpose, String userId) {
    if (!(signedChallenge instanceof String token) || token.isEmpty()) {
      return Future.failedFuture(invalid("signedChallenge is required"));
    }
    return jwt.authenticate(new TokenCredentials(token))
        .recover(e -> Future.failedFuture(invalid("Invalid or expired signedChallenge")))
        .compose(user -> {
          JsonObject claims = user.principal();
          if (!purpose.equals(claims.getString("use"))
              || !Objects.equals(userId, claims.getString("sub"))) {
            return Future.failedFuture(invalid("This signedChallenge is not for this request"));
          }
          long ttl = Math.max(1, claims.getLong("exp", 0L) - Instant.now().getEpochSecond());
          JsonObject reservation = new JsonObject()
              .put("requestId", "webauthn:" + claims.getString("jti")).put("ttl", ttl);
          return ledger.reserveRequestId(new ServiceRequest(null, AuthContext.masterKey(), null,
                  null, null, reservation))
              .recover(e -> Future.failedFuture(e instanceof ParseException pe
                  && pe.code() == ParseErrorCode.DUPLICATE_REQUEST
                  ? invalid("This signedChallenge was used already") : e))
              .map(v -> Base64.getUrlDecoder().decode(claims.getString("chl")));
        });
  }

  static ParseException invalid(String message) {
    return new ParseException(ParseErrorCode.OBJECT_NOT_FOUND, message);
  }
}
