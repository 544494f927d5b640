package io.parsevertx.data.classes;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.types.ParseType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Adds the download {@code url} to File values, as Parse Server does when it reads objects. */
final class FileUrls {
  private final String prefix;

  FileUrls(String baseUrl, String appId) {
    this.prefix = baseUrl == null ? null : stripSlash(baseUrl) + "/files/" + appId + "/";
  }

  JsonObject addTo(JsonObject object) {
    if (prefix == null) {
      return object;
    }
    object.forEach(entry -> visit(entry.getValue()));
    return object;
  }

  /** Files sit in fields, in arrays, and in included objects at any depth. */
  private void visit(Object value) {
    if (value instanceof JsonArray array) {
      array.forEach(this::visit);
    } else if (value instanceof JsonObject json) {
      Object type = json.getValue(ParseFields.TYPE);
      if (ParseType.FILE.wireName().equals(type)
          && json.getValue(ParseFields.NAME) instanceof String name) {
        json.put(ParseFields.URL, prefix + URLEncoder.encode(name, StandardCharsets.UTF_8)
            .replace("+", "%20"));
      } else if (ParseType.OBJECT.wireName().equals(type)) {
        json.forEach(entry -> visit(entry.getValue()));
      }
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
