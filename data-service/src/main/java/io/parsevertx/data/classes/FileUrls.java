package io.parsevertx.data.classes;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.files.FileLocations;
import io.parsevertx.common.types.ParseType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Adds the download {@code url} to File values, as Parse Server does when it reads objects. */
final class FileUrls {
  private final String prefix;

  /** @param prefix what URLs are made of before the name ({@link FileLocations}), or null */
  FileUrls(String prefix) {
    this.prefix = prefix;
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
        json.put(ParseFields.URL, FileLocations.url(prefix, name));
      } else if (ParseType.OBJECT.wireName().equals(type)) {
        json.forEach(entry -> visit(entry.getValue()));
      }
    }
  }
}
