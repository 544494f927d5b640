package io.parsevertx.common.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindOptionsTest {

  @Test
  void defaultsAsParse() {
    FindOptions options = FindOptions.fromParams(new JsonObject(), -1);
    assertEquals(100, options.limit());
    assertEquals(0, options.skip());
    assertNull(options.keys());
    assertEquals(List.of(), options.order());
  }

  @Test
  void readsQueryStringValues() {
    FindOptions options = FindOptions.fromParams(new JsonObject().put("limit", "5")
        .put("skip", "10").put("order", "-score,name").put("keys", "a,b").put("count", "1"), -1);
    assertEquals(5, options.limit());
    assertEquals(10, options.skip());
    assertEquals(List.of(new SortKey("score", true), new SortKey("name", false)),
        options.order());
    assertEquals(List.of("a", "b"), options.keys());
    assertTrue(options.count());
  }

  @Test
  void capsLimitAtMaxLimit() {
    assertEquals(50, FindOptions.fromParams(new JsonObject().put("limit", 1000), 50).limit());
  }

  @Test
  void refusesBadNumbers() {
    ParseException e = assertThrows(ParseException.class,
        () -> FindOptions.fromParams(new JsonObject().put("limit", "ten"), -1));
    assertEquals(ParseErrorCode.INVALID_LIMIT, e.code());
    assertEquals(ParseErrorCode.INVALID_SKIP, assertThrows(ParseException.class,
        () -> FindOptions.fromParams(new JsonObject().put("skip", -1), -1)).code());
  }
}
