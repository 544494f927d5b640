package io.parsevertx.common.error;

/**
 * A failed key check (wrong application id, client key or master key). Parse Server answers these
 * with HTTP 403 and {@code {"error":"unauthorized"}} without a Parse code, so they stay apart from
 * {@link ParseException}.
 */
public final class UnauthorizedException extends RuntimeException {

  public UnauthorizedException() {
    super("unauthorized", null, false, false);
  }
}
