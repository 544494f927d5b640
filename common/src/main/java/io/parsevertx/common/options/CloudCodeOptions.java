package io.parsevertx.common.options;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Cloud Code needs from the server options, checked at start.
 *
 * @param main the app's {@code cloud} main.js, or null when none is configured
 * @param timeoutMillis {@code cloudTimeout}: how long a handler may run before it is stopped
 * @param contexts {@code cloudContexts}: JavaScript contexts, each on its own worker thread
 */
public record CloudCodeOptions(Path main, long timeoutMillis, int contexts) {

  /** @throws OptionsException naming the wrong option */
  public static CloudCodeOptions from(JsonObject options) {
    String cloud = options.getString(ParseServerOptions.CLOUD);
    Path main = null;
    if (cloud != null) {
      main = Path.of(cloud).toAbsolutePath().normalize();
      if (!Files.isReadable(main) || Files.isDirectory(main)) {
        throw new OptionsException("Invalid option --cloud: no readable file " + main);
      }
    }
    long timeout = options.getLong(ParseServerOptions.CLOUD_TIMEOUT, 30_000L);
    if (timeout < 1) {
      throw new OptionsException("Invalid option --cloudTimeout: must be at least 1 (ms)");
    }
    int contexts = options.getInteger(ParseServerOptions.CLOUD_CONTEXTS, 2);
    if (contexts < 2) {
      throw new OptionsException("Invalid option --cloudContexts: must be at least 2, so one "
          + "stuck handler never stalls the others");
    }
    return new CloudCodeOptions(main, timeout, contexts);
  }
}
