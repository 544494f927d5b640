package io.parsevertx.auth.mfa;

import io.parsevertx.common.security.DerivedKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps MFA secrets encrypted at rest (AES-256-GCM), so a copy of the database alone does not
 * give anyone the codes. The key is derived from {@code auth.mfa.encryptionKey}, or from the
 * master key when that is not set. Secrets stored in the clear (for example by Parse Server,
 * which does not encrypt them) are still read, so migrated users keep working.
 */
final class SecretSeal {
  private static final String PREFIX = "aesgcm:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  SecretSeal(String keyMaterial) {
    this.key = new SecretKeySpec(DerivedKeys.of("parse-mfa-secret", keyMaterial), "AES");
  }

  String seal(String secret) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return PREFIX + Base64.getEncoder().encodeToString(
          ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the secret, or null when it was sealed with another key or is damaged */
  String open(String stored) {
    if (stored == null || !stored.startsWith(PREFIX)) {
      return stored;
    }
    try {
      byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
      return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES),
          StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return null;
    }
  }
}
