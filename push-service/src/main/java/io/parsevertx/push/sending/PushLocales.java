package io.parsevertx.push.sending;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Localized pushes, as Parse Server sends them: {@code alert-fr} (and {@code title-fr}) replace
 * {@code alert} for installations whose {@code localeIdentifier} starts with {@code fr}; the
 * localized keys never reach a device.
 */
final class PushLocales {
  private static final String ALERT = "alert";
  private static final String TITLE = "title";

  private PushLocales() {}

  /** The installations grouped under the data each group receives. */
  static Map<JsonObject, List<JsonObject>> group(JsonObject data, List<JsonObject> installations) {
    Set<String> locales = locales(data);
    Map<String, List<JsonObject>> byLocale = new LinkedHashMap<>();
    for (JsonObject installation : installations) {
      String identifier = installation.getString("localeIdentifier", "");
      String locale = locales.stream().filter(identifier::startsWith).findFirst().orElse("");
      byLocale.computeIfAbsent(locale, k -> new ArrayList<>()).add(installation);
    }
    Map<JsonObject, List<JsonObject>> grouped = new LinkedHashMap<>();
    byLocale.forEach((locale, members) -> grouped.put(forLocale(data, locale), members));
    return grouped;
  }

  /** Longest first, so {@code zh-TW} wins over {@code zh}. */
  private static Set<String> locales(JsonObject data) {
    Set<String> locales = new TreeSet<>((a, b) -> a.length() != b.length()
        ? b.length() - a.length() : a.compareTo(b));
    for (String key : data.fieldNames()) {
      if (key.startsWith(ALERT + "-")) {
        locales.add(key.substring(ALERT.length() + 1));
      } else if (key.startsWith(TITLE + "-")) {
        locales.add(key.substring(TITLE.length() + 1));
      }
    }
    return locales;
  }

  private static JsonObject forLocale(JsonObject data, String locale) {
    JsonObject localized = data.copy();
    if (!locale.isEmpty()) {
      Object alert = data.getValue(ALERT + "-" + locale);
      Object title = data.getValue(TITLE + "-" + locale);
      if (alert != null) {
        localized.put(ALERT, alert);
      }
      if (title != null) {
        localized.put(TITLE, title);
      }
    }
    data.fieldNames().stream().filter(k -> k.startsWith(ALERT + "-") || k.startsWith(TITLE + "-"))
        .forEach(localized::remove);
    return localized;
  }
}
