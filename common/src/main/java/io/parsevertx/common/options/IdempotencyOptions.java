package io.parsevertx.common.options;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * parse-server's {@code idempotencyOptions}: writes to a path matching one of {@code paths}
 * (regular expressions over the path after the mount, e.g. {@code classes/.*}) that carry an
 * {@code X-Parse-Request-Id} are applied once within {@code ttl} seconds.
 */
public record IdempotencyOptions(List<Pattern> paths, long ttlSeconds) {
  public static final long DEFAULT_TTL_SECONDS = 300;

  public IdempotencyOptions {
    paths = List.copyOf(paths);
  }

  public boolean enabled() {
    return !paths.isEmpty();
  }

  /** True when {@code relativePath} (no leading slash) is one the options protect. */
  public boolean covers(String relativePath) {
    return paths.stream().anyMatch(p -> p.matcher(relativePath).matches());
  }

  /** @throws OptionsException for paths that are not regular expressions or a bad ttl */
  public static IdempotencyOptions fromJson(JsonObject json) {
    if (json == null) {
      return new IdempotencyOptions(List.of(), DEFAULT_TTL_SECONDS);
    }
    List<Pattern> paths = new ArrayList<>();
    Object rawPaths = json.getValue("paths", new JsonArray());
    if (!(rawPaths instanceof JsonArray array)) {
      throw new OptionsException("Invalid option --idempotencyOptions: paths must be an array");
    }
    for (Object path : array) {
      try {
        paths.add(Pattern.compile(String.valueOf(path)));
      } catch (PatternSyntaxException e) {
        throw new OptionsException("Invalid option --idempotencyOptions: bad path pattern "
            + path);
      }
    }
    Object ttl = json.getValue("ttl", DEFAULT_TTL_SECONDS);
    if (!(ttl instanceof Number n) || n.longValue() <= 0) {
      throw new OptionsException("Invalid option --idempotencyOptions: ttl must be a positive "
          + "number of seconds");
    }
    return new IdempotencyOptions(paths, n.longValue());
  }
}
