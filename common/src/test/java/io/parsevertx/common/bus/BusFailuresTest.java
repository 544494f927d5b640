package io.parsevertx.common.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.error.ParseErrorCode;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BusFailuresTest {

  static Stream<Arguments> rows() {
    return Stream.of(
        Arguments.of(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 101, "Object not found."),
            ParseErrorCode.OBJECT_NOT_FOUND, "Object not found."),
        Arguments.of(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 111, "mismatch"),
            ParseErrorCode.INCORRECT_TYPE, "mismatch"),
        Arguments.of(new ReplyException(ReplyFailure.TIMEOUT, -1, "timeout"),
            ParseErrorCode.SERVICE_UNAVAILABLE, "The service did not answer in time."),
        Arguments.of(new ReplyException(ReplyFailure.NO_HANDLERS, -1, "none"),
            ParseErrorCode.SERVICE_UNAVAILABLE, "The service is not available."),
        Arguments.of(new IllegalStateException("boom"), ParseErrorCode.INTERNAL_SERVER_ERROR,
            "Internal server error."));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void rebuildsParseErrors(Throwable failure, ParseErrorCode code, String message) {
    var e = BusFailures.toParseException(failure);
    assertEquals(code, e.code());
    assertEquals(message, e.getMessage());
  }
}
