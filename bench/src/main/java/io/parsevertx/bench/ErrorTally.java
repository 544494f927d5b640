package io.parsevertx.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the failed requests of one run by kind: {@code HTTP <status> <start of body>} for a
 * non-2xx answer, or the exception's class and message when no answer came. At most
 * {@value #MAX_KINDS} kinds are kept apart; the rest count under {@value #OTHER}.
 */
public final class ErrorTally {
  static final int MAX_KINDS = 8;
  static final String OTHER = "other";
  private static final int MAX_BODY_CHARS = 160;

  private final Map<String, Long> counts = new LinkedHashMap<>();
  private long total;

  /** Counts an answer whose status was not 2xx. */
  public void httpError(int status, String body) {
    String text = body == null ? "" : body.replaceAll("\\s+", " ").trim();
    if (text.length() > MAX_BODY_CHARS) {
      text = text.substring(0, MAX_BODY_CHARS) + "...";
    }
    add("HTTP " + status + " " + text);
  }

  /** Counts a request that got no answer (refused connection, timeout, reset). */
  public void failure(Throwable cause) {
    add(cause.getClass().getSimpleName() + ": " + cause.getMessage());
  }

  private void add(String kind) {
    total++;
    String key = counts.containsKey(kind) || counts.size() < MAX_KINDS ? kind : OTHER;
    counts.merge(key, 1L, Long::sum);
  }

  /** Every failed request counted. */
  public long total() {
    return total;
  }

  /** Failed requests per kind, in the order the kinds were first seen. */
  public Map<String, Long> byKind() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }
}
