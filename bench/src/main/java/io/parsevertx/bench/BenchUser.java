package io.parsevertx.bench;

import io.vertx.core.Future;
import java.security.SecureRandom;

/**
 * The one user the {@code login} and {@code me} scenarios act as, signed up on the target before
 * the scenarios are checked.
 *
 * @param username {@code bench-user-} and 8 random characters, so runs never collide
 * @param password the password given at sign-up
 * @param sessionToken the session token the sign-up answered, sent by {@code me}
 */
public record BenchUser(String username, String password, String sessionToken) {
  public static final String PASSWORD = "bench-password-1";
  private static final String USERNAME_PREFIX = "bench-user-";
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final int RANDOM_CHARS = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh {@code bench-user-xxxxxxxx}. */
  static String randomUsername() {
    StringBuilder name = new StringBuilder(USERNAME_PREFIX);
    for (int i = 0; i < RANDOM_CHARS; i++) {
      name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return name.toString();
  }

  /**
   * Signs up a new user with {@code POST /users}.
   *
   * @return the user; fails unless the server answered 201 with a session token
   */
  static Future<BenchUser> signUp(ParseClient api) {
    String username = randomUsername();
    return api.signUp(username, PASSWORD).map(response -> {
      String token = response.statusCode() == 201
          ? response.bodyAsJsonObject().getString("sessionToken") : null;
      if (token == null) {
        throw new IllegalStateException("sign-up of " + username + " answered HTTP "
            + response.statusCode() + " " + response.bodyAsString());
      }
      return new BenchUser(username, PASSWORD, token);
    });
  }
}
