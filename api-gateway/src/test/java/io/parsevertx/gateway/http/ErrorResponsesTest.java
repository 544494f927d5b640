package io.parsevertx.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.error.ParseErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parse code → HTTP status, exactly as Parse Server maps them (plus 2 → 503). */
class ErrorResponsesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"INTERNAL_SERVER_ERROR,500", "OBJECT_NOT_FOUND,404", "SERVICE_UNAVAILABLE,503",
      "INVALID_QUERY,400", "INVALID_CLASS_NAME,400", "INCORRECT_TYPE,400",
      "OPERATION_FORBIDDEN,400", "INVALID_SESSION_TOKEN,400", "DUPLICATE_VALUE,400",
      "OTHER_CAUSE,400"})
  void statusFor(ParseErrorCode code, int status) {
    assertEquals(status, ErrorResponses.httpStatus(code));
  }
}
