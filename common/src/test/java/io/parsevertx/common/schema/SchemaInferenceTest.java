package io.parsevertx.common.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.json.Json;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaInferenceTest {

  static Stream<Arguments> typed() {
    return Stream.of(
        Arguments.of("string", "\"hi\"", "String"),
        Arguments.of("integer", "1", "Number"),
        Arguments.of("decimal", "1.5", "Number"),
        Arguments.of("boolean", "false", "Boolean"),
        Arguments.of("array", "[1,\"a\"]", "Array"),
        Arguments.of("object", "{\"a\":{\"b\":1}}", "Object"),
        Arguments.of("date", "{\"__type\":\"Date\",\"iso\":\"2020-01-01T00:00:00.000Z\"}", "Date"),
        Arguments.of("pointer", "{\"__type\":\"Pointer\",\"className\":\"_User\","
            + "\"objectId\":\"abc\"}", "Pointer<_User>"),
        Arguments.of("relation", "{\"__type\":\"Relation\",\"className\":\"Post\"}",
            "Relation<Post>"),
        Arguments.of("file", "{\"__type\":\"File\",\"name\":\"a.png\"}", "File"),
        Arguments.of("geopoint", "{\"__type\":\"GeoPoint\",\"latitude\":10,\"longitude\":20}",
            "GeoPoint"),
        Arguments.of("polygon", "{\"__type\":\"Polygon\",\"coordinates\":[[0,0],[0,1],[1,1]]}",
            "Polygon"),
        Arguments.of("bytes", "{\"__type\":\"Bytes\",\"base64\":\"aGk=\"}", "Bytes"),
        Arguments.of("increment", "{\"__op\":\"Increment\",\"amount\":1}", "Number"),
        Arguments.of("add", "{\"__op\":\"Add\",\"objects\":[1]}", "Array"),
        Arguments.of("addUnique", "{\"__op\":\"AddUnique\",\"objects\":[1]}", "Array"),
        Arguments.of("remove", "{\"__op\":\"Remove\",\"objects\":[1]}", "Array"),
        Arguments.of("addRelation", "{\"__op\":\"AddRelation\",\"objects\":[{\"__type\":"
            + "\"Pointer\",\"className\":\"_User\",\"objectId\":\"a\"}]}", "Relation<_User>"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typed")
  void infersType(String name, String json, String expected) {
    assertEquals(expected, SchemaInference.typeOf("f", Json.decodeValue(json)).describe());
  }

  static Stream<Arguments> untyped() {
    return Stream.of(Arguments.of("null", "null"),
        Arguments.of("delete", "{\"__op\":\"Delete\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("untyped")
  void carriesNoType(String name, String json) {
    assertNull(SchemaInference.typeOf("f", Json.decodeValue(json)));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("unknown type", "{\"__type\":\"Nope\"}", ParseErrorCode.INCORRECT_TYPE),
        Arguments.of("date without iso", "{\"__type\":\"Date\"}", ParseErrorCode.INCORRECT_TYPE),
        Arguments.of("bad date", "{\"__type\":\"Date\",\"iso\":\"yesterday\"}",
            ParseErrorCode.INVALID_JSON),
        Arguments.of("pointer without id", "{\"__type\":\"Pointer\",\"className\":\"A\"}",
            ParseErrorCode.INCORRECT_TYPE),
        Arguments.of("latitude out of range",
            "{\"__type\":\"GeoPoint\",\"latitude\":91,\"longitude\":0}",
            ParseErrorCode.INVALID_JSON),
        Arguments.of("polygon of two points",
            "{\"__type\":\"Polygon\",\"coordinates\":[[0,0],[1,1]]}",
            ParseErrorCode.INCORRECT_TYPE),
        Arguments.of("bad base64", "{\"__type\":\"Bytes\",\"base64\":\"***\"}",
            ParseErrorCode.INVALID_JSON),
        Arguments.of("unknown op", "{\"__op\":\"Explode\"}", ParseErrorCode.INVALID_JSON));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void refusesMalformedValues(String name, String json, ParseErrorCode code) {
    ParseException e = assertThrows(ParseException.class,
        () -> SchemaInference.typeOf("f", Json.decodeValue(json)));
    assertEquals(code, e.code());
  }
}
