package io.parsevertx.common.error;

/**
 * A failed key check (wrong application id, client key or master key, or a master-key-only
 * route called without it). Parse Server answers these with HTTP 403 and
 * {@code {"error":"unauthorized"}} (or a longer reason) without a Parse code, so they stay apart
 * from {@link ParseException}.
 */
public final class UnauthorizedException extends RuntimeException {
  public static final String MASTER_KEY_REQUIRED = "unauthorized: master key is required";

  public UnauthorizedException() {
    this("unauthorized");
  }

  public UnauthorizedException(String reason) {
    super(reason, null, false, false);
  }

  public static UnauthorizedException masterKeyRequired() {
    return new UnauthorizedException(MASTER_KEY_REQUIRED);
  }
}
