package io.parsevertx.data.query;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code include} parameter as a tree: {@code include=post.author,post.comments} becomes
 * {@code post -> {author, comments}}. {@code *} means every pointer at that level.
 */
public record IncludePaths(Map<String, IncludePaths> children) {
  static final String ALL = "*";

  public static IncludePaths parse(List<String> paths, int maxDepth, int maxCount) {
    if (paths.size() > maxCount) {
      throw ParseException.of(ParseErrorCode.INVALID_QUERY,
          "Too many include paths (more than %d).", maxCount);
    }
    IncludePaths root = new IncludePaths(new LinkedHashMap<>());
    for (String path : paths) {
      String[] parts = path.split("\\.");
      if (parts.length > maxDepth) {
        throw ParseException.of(ParseErrorCode.INVALID_QUERY,
            "Include path %s is too deep (more than %d levels).", path, maxDepth);
      }
      IncludePaths node = root;
      for (String part : parts) {
        node = node.children.computeIfAbsent(part, k -> new IncludePaths(new LinkedHashMap<>()));
      }
    }
    return root;
  }

  public boolean isEmpty() {
    return children.isEmpty();
  }
}
