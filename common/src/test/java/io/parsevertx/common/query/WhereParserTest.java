package io.parsevertx.common.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WhereParserTest {

  private static QueryNode c(String field, QueryOp op, Object value) {
    return new QueryNode.Constraint(field, op, value);
  }

  static Stream<Arguments> parsed() {
    JsonObject date = new JsonObject("{\"__type\":\"Date\",\"iso\":\"2020-01-01T00:00:00Z\"}");
    return Stream.of(
        Arguments.of("empty", "{}", new QueryNode.And(List.of())),
        Arguments.of("equality", "{\"a\":1}", c("a", QueryOp.EQ, 1)),
        Arguments.of("typed value is equality", "{\"d\":" + date.encode() + "}",
            c("d", QueryOp.EQ, date)),
        Arguments.of("plain object is equality", "{\"o\":{\"x\":1}}",
            c("o", QueryOp.EQ, new JsonObject().put("x", 1))),
        Arguments.of("range", "{\"a\":{\"$gt\":1,\"$lte\":5}}", new QueryNode.And(List.of(
            c("a", QueryOp.GT, 1), c("a", QueryOp.LTE, 5)))),
        Arguments.of("in", "{\"a\":{\"$in\":[1,2]}}",
            c("a", QueryOp.IN, new JsonArray().add(1).add(2))),
        Arguments.of("exists", "{\"a\":{\"$exists\":false}}", c("a", QueryOp.EXISTS, false)),
        Arguments.of("nested key", "{\"a.b.c\":{\"$ne\":\"x\"}}", c("a.b.c", QueryOp.NE, "x")),
        Arguments.of("two fields", "{\"a\":1,\"b\":{\"$lt\":2}}", new QueryNode.And(List.of(
            c("a", QueryOp.EQ, 1), c("b", QueryOp.LT, 2)))),
        Arguments.of("$or", "{\"$or\":[{\"a\":1},{\"b\":2}]}", new QueryNode.Or(List.of(
            c("a", QueryOp.EQ, 1), c("b", QueryOp.EQ, 2)))),
        Arguments.of("$regex takes its $options", "{\"a\":{\"$regex\":\"x\",\"$options\":\"i\"}}",
            c("a", QueryOp.REGEX, new QueryOperands.Regex("x", "i"))),
        Arguments.of("$inQuery", "{\"p\":{\"$inQuery\":{\"className\":\"B\",\"where\":{\"x\":1}}}}",
            c("p", QueryOp.IN_QUERY, new QueryOperands.SubQuery("B", c("x", QueryOp.EQ, 1)))),
        Arguments.of("$select", "{\"k\":{\"$select\":{\"query\":{\"className\":\"B\"},"
            + "\"key\":\"y\"}}}", c("k", QueryOp.SELECT, new QueryOperands.Select(
                new QueryOperands.SubQuery("B", QueryNode.matchAll()), "y"))),
        Arguments.of("$relatedTo", "{\"$relatedTo\":{\"object\":{\"__type\":\"Pointer\","
            + "\"className\":\"Post\",\"objectId\":\"p1\"},\"key\":\"likes\"}}",
            new QueryNode.RelatedTo("Post", "p1", "likes")),
        Arguments.of("$nearSphere in miles", "{\"g\":{\"$nearSphere\":{\"__type\":\"GeoPoint\","
            + "\"latitude\":1,\"longitude\":2},\"$maxDistanceInMiles\":3959}}",
            c("g", QueryOp.NEAR_SPHERE, new QueryOperands.NearSphere(
                new QueryOperands.Point(1, 2), 1.0))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsed")
  void parses(String name, String where, QueryNode expected) {
    assertEquals(expected, WhereParser.parse(new JsonObject(where)));
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("unknown operator", "{\"a\":{\"$foo\":1}}", ParseErrorCode.INVALID_QUERY),
        Arguments.of("$in needs an array", "{\"a\":{\"$in\":1}}", ParseErrorCode.INVALID_QUERY),
        Arguments.of("$exists needs a boolean", "{\"a\":{\"$exists\":\"yes\"}}",
            ParseErrorCode.INVALID_QUERY),
        Arguments.of("bad key", "{\"a-b\":1}", ParseErrorCode.INVALID_KEY_NAME),
        Arguments.of("operator as key", "{\"$where\":\"sleep(1000)\"}",
            ParseErrorCode.INVALID_KEY_NAME),
        Arguments.of("$or needs an array", "{\"$or\":{\"a\":1}}", ParseErrorCode.INVALID_QUERY),
        Arguments.of("$or of non-objects", "{\"$or\":[1]}", ParseErrorCode.INVALID_QUERY),
        Arguments.of("bad regex", "{\"a\":{\"$regex\":\"(\"}}", ParseErrorCode.INVALID_QUERY),
        Arguments.of("bad regex options", "{\"a\":{\"$regex\":\"a\",\"$options\":\"q\"}}",
            ParseErrorCode.INVALID_QUERY),
        Arguments.of("$options alone", "{\"a\":{\"$options\":\"i\"}}",
            ParseErrorCode.INVALID_QUERY),
        Arguments.of("$inQuery without className", "{\"a\":{\"$inQuery\":{\"where\":{}}}}",
            ParseErrorCode.INVALID_QUERY),
        Arguments.of("$select without key", "{\"a\":{\"$select\":{\"query\":"
            + "{\"className\":\"B\"}}}}", ParseErrorCode.INVALID_QUERY),
        Arguments.of("$relatedTo without key", "{\"$relatedTo\":{\"object\":{\"__type\":"
            + "\"Pointer\",\"className\":\"A\",\"objectId\":\"x\"}}}",
            ParseErrorCode.INVALID_QUERY),
        Arguments.of("$relatedTo without objectId", "{\"$relatedTo\":{\"object\":{},"
            + "\"key\":\"k\"}}", ParseErrorCode.MISSING_OBJECT_ID),
        Arguments.of("$nearSphere without a point", "{\"a\":{\"$nearSphere\":5}}",
            ParseErrorCode.INVALID_QUERY),
        Arguments.of("$box the wrong way round", "{\"a\":{\"$within\":{\"$box\":["
            + "{\"latitude\":5,\"longitude\":5},{\"latitude\":1,\"longitude\":1}]}}}",
            ParseErrorCode.INVALID_QUERY),
        Arguments.of("$polygon of two points", "{\"a\":{\"$geoWithin\":{\"$polygon\":["
            + "{\"latitude\":5,\"longitude\":5},{\"latitude\":1,\"longitude\":1}]}}}",
            ParseErrorCode.INVALID_QUERY),
        Arguments.of("$text without $term", "{\"a\":{\"$text\":{\"$search\":{}}}}",
            ParseErrorCode.INVALID_QUERY),
        Arguments.of("nesting too deep", "{\"$or\":[{\"$or\":[{\"$or\":[{\"$or\":[{\"$or\":"
            + "[{\"$or\":[{\"$or\":[{\"$or\":[{\"$or\":[{\"$or\":[{\"$or\":[{\"a\":1}]}]}]}]"
            + "}]}]}]}]}]}]}]}", ParseErrorCode.INVALID_QUERY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refuses(String name, String where, ParseErrorCode code) {
    ParseException e = assertThrows(ParseException.class,
        () -> WhereParser.parse(new JsonObject(where)));
    assertEquals(code, e.code());
  }
}
