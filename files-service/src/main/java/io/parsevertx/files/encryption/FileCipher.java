package io.parsevertx.files.encryption;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for stored files, in independently authenticated chunks so a file of any size
 * is sealed and opened as it streams and a byte range is read without the rest.
 *
 * <p>Layout: a 16-byte header ({@code PVFE}, the chunk size, an 8-byte random nonce prefix),
 * then chunks of {@code chunkSize} plaintext bytes each followed by its 16-byte tag; the last
 * chunk is shorter (empty for an empty file). A chunk's nonce is the prefix and its index; its
 * additional data binds the file name, the index and whether it is the last chunk, so chunks
 * cannot be reordered, moved between files, or cut off at a chunk boundary unnoticed.
 */
public final class FileCipher {
  public static final int HEADER = 16;
  public static final int TAG = 16;
  public static final int DEFAULT_CHUNK = 64 * 1024;
  private static final byte[] MAGIC = {'P', 'V', 'F', 'E'};
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  private FileCipher(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /**
   * The key for an {@code encryptionKey} option: derived the way Parse Server derives its file
   * key (the first 32 characters of the base64 SHA-256 of the string), so one setting serves
   * files both servers wrote.
   */
  public static FileCipher forKey(String encryptionKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(encryptionKey.getBytes(StandardCharsets.UTF_8));
      String text = Base64.getEncoder().encodeToString(digest).substring(0, 32);
      return new FileCipher(text.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One sealed file's parameters, read from or written to its header. */
  public record Header(int chunkSize, byte[] noncePrefix) {
    public static Header fresh() {
      byte[] prefix = new byte[8];
      RANDOM.nextBytes(prefix);
      return new Header(DEFAULT_CHUNK, prefix);
    }

    /** @return the header at the start of {@code stored}, or null when it is not sealed */
    public static Header parse(Buffer stored) {
      if (stored.length() < HEADER || !Arrays.equals(stored.getBytes(0, 4), MAGIC)) {
        return null;
      }
      int chunk = stored.getInt(4);
      return chunk <= 0 ? null : new Header(chunk, stored.getBytes(8, 16));
    }

    public Buffer encode() {
      return Buffer.buffer(HEADER).appendBytes(MAGIC).appendInt(chunkSize)
          .appendBytes(noncePrefix);
    }

    /** Stored length of a plaintext of {@code plain} bytes. */
    public long sealedLength(long plain) {
      return HEADER + plain + (long) TAG * chunks(plain);
    }

    private long chunks(long plain) {
      return Math.max(1, (plain + chunkSize - 1) / chunkSize);
    }

    /** Number of chunks of a stored file of {@code stored} bytes. */
    public long chunksOfSealed(long stored) {
      long body = stored - HEADER;
      return Math.max(1, (body + chunkSize + TAG - 1) / (chunkSize + TAG));
    }

    /** Plaintext length of a stored file of {@code stored} bytes. */
    public long plainLength(long stored) {
      return stored - HEADER - (long) TAG * chunksOfSealed(stored);
    }

    /** Where chunk {@code index} starts in the stored file. */
    public long chunkOffset(long index) {
      return HEADER + index * (chunkSize + TAG);
    }
  }

  /** Seals chunk {@code index} of the file {@code name}. */
  public byte[] seal(Header header, String name, long index, boolean last, byte[] plain,
      int offset, int length) {
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, header, name, index, last);
      return cipher.doFinal(plain, offset, length);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Opens chunk {@code index} of the file {@code name}.
   *
   * @throws TamperedException when the chunk was not sealed by this key for this place
   */
  public byte[] open(Header header, String name, long index, boolean last, byte[] sealed,
      int offset, int length) {
    try {
      return cipher(Cipher.DECRYPT_MODE, header, name, index, last)
          .doFinal(sealed, offset, length);
    } catch (GeneralSecurityException e) {
      // note: a wrong tag (AEADBadTagException) and any other refusal mean the same here
      throw new TamperedException(name, index);
    }
  }

  private Cipher cipher(int mode, Header header, String name, long index, boolean last)
      throws GeneralSecurityException {
    byte[] nonce = ByteBuffer.allocate(12).put(header.noncePrefix()).putInt((int) index).array();
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG * 8, nonce));
    cipher.updateAAD(ByteBuffer.allocate(9).putLong(index).put((byte) (last ? 1 : 0)).array());
    cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  /** A stored chunk that does not open: changed, moved, cut, or sealed with another key. */
  public static final class TamperedException extends RuntimeException {
    TamperedException(String name, long index) {
      super("file " + name + " failed authentication at chunk " + index, null, false, false);
    }
  }
}
