package io.parsevertx.common;

import java.security.SecureRandom;

/** Parse object ids: random alphanumeric strings, 10 characters by default. */
public final class ObjectIds {
  public static final int DEFAULT_SIZE = 10;
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private ObjectIds() {}

  public static String newId() {
    return newId(DEFAULT_SIZE);
  }

  public static String newId(int size) {
    char[] id = new char[size];
    for (int i = 0; i < size; i++) {
      id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(id);
  }
}
