package io.parsevertx.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Keys of their own for each purpose (MFA secrets, WebAuthn challenges, file requests), derived
 * from one server secret, so a key used or shown for one purpose reveals nothing of the secret
 * or of the other keys.
 */
public final class DerivedKeys {

  private DerivedKeys() {}

  /** 32 bytes: SHA-256 of {@code purpose:secret}. */
  public static byte[] of(String purpose, String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest((purpose + ":" + secret)
          .getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@link #of} in base64, as HS256 secrets are given to Vert.x Auth JWT. */
  public static String base64(String purpose, String secret) {
    return Base64.getEncoder().encodeToString(of(purpose, secret));
  }
}
