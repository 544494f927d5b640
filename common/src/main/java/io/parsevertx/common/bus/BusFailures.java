package io.parsevertx.common.bus;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.eventbus.ReplyException;

/** Rebuilds a {@link ParseException} from an event-bus failure, in one place. */
public final class BusFailures {

  private BusFailures() {}

  /**
   * The Parse error behind a failed request. A service's {@code fail(code, message)} keeps its
   * code; a timeout or a missing service becomes {@link ParseErrorCode#SERVICE_UNAVAILABLE}.
   */
  public static ParseException toParseException(Throwable failure) {
    if (failure instanceof ParseException pe) {
      return pe;
    }
    if (failure instanceof ReplyException re) {
      return switch (re.failureType()) {
        case RECIPIENT_FAILURE -> new ParseException(ParseErrorCode.of(re.failureCode()),
            re.getMessage());
        case TIMEOUT -> new ParseException(ParseErrorCode.SERVICE_UNAVAILABLE,
            "The service did not answer in time.");
        case NO_HANDLERS -> new ParseException(ParseErrorCode.SERVICE_UNAVAILABLE,
            "The service is not available.");
        default -> ParseException.internal("Internal server error.", re);
      };
    }
    return ParseException.internal("Internal server error.", failure);
  }
}
