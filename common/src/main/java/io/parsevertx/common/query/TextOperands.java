package io.parsevertx.common.query;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.QueryOperands.TextSearch;
import io.vertx.core.json.JsonObject;

/** Parses {@code $text: {$search: {$term, $language, $caseSensitive, $diacriticSensitive}}}. */
final class TextOperands {

  private TextOperands() {}

  static TextSearch parse(Object operand) {
    if (!(operand instanceof JsonObject text)
        || !(text.getValue("$search") instanceof JsonObject search)) {
      throw bad("bad $text: $search, should be object");
    }
    if (!(search.getValue("$term") instanceof String term)) {
      throw bad("bad $text: $term, should be string");
    }
    Object language = search.getValue("$language");
    if (language != null && !(language instanceof String)) {
      throw bad("bad $text: $language, should be string");
    }
    return new TextSearch(term, (String) language, flag(search, "$caseSensitive"),
        flag(search, "$diacriticSensitive"));
  }

  private static boolean flag(JsonObject search, String key) {
    Object value = search.getValue(key);
    if (value != null && !(value instanceof Boolean)) {
      throw bad("bad $text: " + key + ", should be boolean");
    }
    return Boolean.TRUE.equals(value);
  }

  private static ParseException bad(String message) {
    return new ParseException(ParseErrorCode.INVALID_QUERY, message);
  }
}
