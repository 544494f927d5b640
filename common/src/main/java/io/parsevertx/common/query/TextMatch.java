package io.parsevertx.common.query;

import io.parsevertx.common.query.QueryOperands.TextSearch;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MongoDB's {@code $text} search rules for one string: any positive word matches, every
 * quoted phrase must appear, no {@code -negated} word may appear; case and diacritics ignored
 * unless asked for. (Stemming by {@code $language} is left to the database.)
 */
final class TextMatch {
  private static final Pattern PHRASE = Pattern.compile("\"([^\"]+)\"");

  private TextMatch() {}

  static boolean matches(TextSearch search, String text) {
    String haystack = normalize(text, search);
    List<String> phrases = new ArrayList<>();
    Matcher m = PHRASE.matcher(search.term());
    while (m.find()) {
      phrases.add(normalize(m.group(1), search));
    }
    List<String> words = new ArrayList<>();
    List<String> negated = new ArrayList<>();
    for (String token : PHRASE.matcher(search.term()).replaceAll(" ").split("\\s+")) {
      if (token.startsWith("-") && token.length() > 1) {
        negated.add(normalize(token.substring(1), search));
      } else if (!token.isBlank()) {
        words.add(normalize(token, search));
      }
    }
    List<String> tokens = List.of(haystack.split("[^\\p{L}\\p{N}]+"));
    if (negated.stream().anyMatch(tokens::contains)) {
      return false;
    }
    if (!phrases.stream().allMatch(haystack::contains)) {
      return false;
    }
    return words.isEmpty() ? !phrases.isEmpty() : words.stream().anyMatch(tokens::contains);
  }

  private static String normalize(String text, TextSearch search) {
    String out = search.caseSensitive() ? text : text.toLowerCase(Locale.ROOT);
    if (!search.diacriticSensitive()) {
      out = Normalizer.normalize(out, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
    return out;
  }
}
