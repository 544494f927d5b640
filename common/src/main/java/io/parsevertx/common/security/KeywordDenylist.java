package io.parsevertx.common.security;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * parse-server's {@code requestKeywordDenylist}: keys (optionally with a value) that may not
 * appear anywhere in a request body, at any depth - {@code __proto__}, {@code constructor},
 * {@code _bsontype: "Code"} by default - so nothing that could poison a prototype or smuggle
 * code into a driver is ever stored.
 */
public final class KeywordDenylist {
  private final JsonArray rules;

  public KeywordDenylist(JsonArray rules) {
    this.rules = rules == null ? new JsonArray() : rules;
  }

  /** @throws ParseException 105 naming the first rule the body breaks */
  public void check(Object body) {
    if (body instanceof JsonObject json) {
      for (Map.Entry<String, Object> entry : json) {
        for (Object rule : rules) {
          if (rule instanceof JsonObject r && r.getString("key", "").equals(entry.getKey())
              && (!r.containsKey("value") || r.getValue("value").equals(entry.getValue()))) {
            throw new ParseException(ParseErrorCode.INVALID_KEY_NAME,
                "Prohibited keyword in request data: " + r.encode() + ".");
          }
        }
        check(entry.getValue());
      }
    } else if (body instanceof JsonArray array) {
      array.forEach(this::check);
    }
  }
}
