package io.parsevertx.common.error;

/**
 * The one error type of the suite. It carries a Parse error code and a message that is safe to
 * show a client; the gateway turns it into an HTTP status in exactly one place.
 */
public class ParseException extends RuntimeException {

  private final ParseErrorCode code;

  public ParseException(ParseErrorCode code, String message) {
    this(code, message, null);
  }

  public ParseException(ParseErrorCode code, String message, Throwable cause) {
    // note: no stack trace - these are expected outcomes, not bugs, and are created on hot paths
    super(message, cause, false, false);
    this.code = code;
  }

  public ParseErrorCode code() {
    return code;
  }

  public static ParseException of(ParseErrorCode code, String format, Object... args) {
    return new ParseException(code, String.format(format, args));
  }

  public static ParseException internal(String message, Throwable cause) {
    return new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, message, cause);
  }
}
