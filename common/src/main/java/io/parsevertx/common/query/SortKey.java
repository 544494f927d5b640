package io.parsevertx.common.query;

/** One key of an {@code order} parameter; {@code -score} sorts descending. */
public record SortKey(String field, boolean descending) {

  public static SortKey parse(String token) {
    return token.startsWith("-")
        ? new SortKey(token.substring(1), true) : new SortKey(token, false);
  }
}
