package io.parsevertx.auth.password;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt, always on worker threads: a hash costs tens of milliseconds by design and would stall
 * an event loop. Verifies the {@code $2a$}, {@code $2b$} and {@code $2y$} hashes Parse Server
 * writes, so migrated users log in.
 */
public final class PasswordHasher {
  /** Compared against when a user does not exist, so failed logins take the same time. */
  private static final String DUMMY_HASH =
      "$2a$10$7EqJtq98hPqEX7fNZaFWoO5hY1y3F9Zs4F8bQW0gX8xPpgbPpBQXq";

  private final Vertx vertx;
  private final int cost;

  public PasswordHasher(Vertx vertx, int cost) {
    this.vertx = vertx;
    this.cost = cost;
  }

  public Future<String> hash(String password) {
    return vertx.executeBlocking(() -> BCrypt.withDefaults()
        .hashToString(cost, password.toCharArray()), false);
  }

  /** @return true when {@code password} matches {@code hash}; a null hash never matches */
  public Future<Boolean> verify(String password, String hash) {
    String against = hash == null ? DUMMY_HASH : hash;
    return vertx.executeBlocking(() -> BCrypt.verifyer()
        .verify(password.getBytes(StandardCharsets.UTF_8),
            against.getBytes(StandardCharsets.UTF_8)).verified && hash != null, false);
  }
}
