package io.parsevertx.data.query;

import io.parsevertx.common.ParseFields;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Applies {@code keys} inside included objects and {@code excludeKeys} anywhere (dot paths),
 * after the database has projected the top level.
 */
public final class ResultShaper {
  private static final Set<String> ALWAYS_KEPT = Set.of(ParseFields.OBJECT_ID,
      ParseFields.CREATED_AT, ParseFields.UPDATED_AT, ParseFields.TYPE, ParseFields.CLASS_NAME);

  private ResultShaper() {}

  /** Keeps only {@code keys} (dot paths reach into included objects). */
  public static void selectKeys(JsonObject object, List<String> keys) {
    if (keys == null) {
      return;
    }
    List<String> nested = new ArrayList<>();
    for (String key : keys) {
      if (key.contains(".")) {
        nested.add(key);
      }
    }
    for (String key : nested) {
      String head = key.substring(0, key.indexOf('.'));
      if (object.getValue(head) instanceof JsonObject child && child.containsKey(ParseFields.TYPE)
          && "Object".equals(child.getString(ParseFields.TYPE))) {
        List<String> childKeys = nested.stream().filter(k -> k.startsWith(head + "."))
            .map(k -> k.substring(head.length() + 1)).toList();
        child.fieldNames().removeIf(f -> !ALWAYS_KEPT.contains(f)
            && childKeys.stream().noneMatch(k -> k.equals(f) || k.startsWith(f + ".")));
        selectKeys(child, childKeys);
      }
    }
  }

  /** Removes {@code excludeKeys} (dot paths reach into nested and included objects). */
  public static void excludeKeys(JsonObject object, List<String> excluded) {
    if (excluded == null) {
      return;
    }
    for (String key : excluded) {
      JsonObject parent = object;
      String[] parts = key.split("\\.");
      for (int i = 0; i < parts.length - 1 && parent != null; i++) {
        parent = parent.getValue(parts[i]) instanceof JsonObject child ? child : null;
      }
      if (parent != null && !ALWAYS_KEPT.contains(parts[parts.length - 1])) {
        parent.remove(parts[parts.length - 1]);
      }
    }
  }
}
