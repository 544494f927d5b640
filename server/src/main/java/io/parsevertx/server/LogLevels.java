package io.parsevertx.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.parsevertx.common.options.ParseServerOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.LoggerFactory;

/** Applies parse-server's {@code logLevel}, {@code verbose} and {@code silent} to Logback. */
final class LogLevels {

  private LogLevels() {}

  static void apply(JsonObject options) {
    Level level = null;
    String name = options.getString(ParseServerOptions.LOG_LEVEL);
    if (name != null) {
      level = switch (name.toLowerCase()) {
        case "error" -> Level.ERROR;
        case "warn" -> Level.WARN;
        case "info" -> Level.INFO;
        case "verbose", "debug" -> Level.DEBUG;
        default -> Level.TRACE; // note: "silly"; other names were refused at load
      };
    }
    if (options.getBoolean(ParseServerOptions.VERBOSE, false)) {
      level = Level.DEBUG;
    }
    if (options.getBoolean(ParseServerOptions.SILENT, false)) {
      level = Level.OFF;
    }
    if (level != null) {
      ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
    }
  }
}
