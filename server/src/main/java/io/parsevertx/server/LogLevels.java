package io.parsevertx.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.parsevertx.common.options.ParseServerOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.LoggerFactory;

/**
 * Applies parse-server's {@code logLevel}, {@code verbose} and {@code silent} to Logback, and
 * {@code liveQueryServerOptions.logLevel} ({@code VERBOSE}, {@code INFO}, {@code ERROR},
 * {@code NONE}) to livequery-service's loggers.
 */
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
    Object liveQuery = options.getValue(ParseServerOptions.LIVE_QUERY_SERVER_OPTIONS);
    if (liveQuery instanceof JsonObject server && server.getValue("logLevel") instanceof String
        liveQueryName) {
      Level liveQueryLevel = switch (liveQueryName.toUpperCase(java.util.Locale.ROOT)) {
        case "VERBOSE" -> Level.DEBUG;
        case "INFO" -> Level.INFO;
        case "ERROR" -> Level.ERROR;
        case "NONE" -> Level.OFF;
        default -> throw new io.parsevertx.common.options.OptionsException("Invalid option "
            + "--liveQueryServerOptions: logLevel must be VERBOSE, INFO, ERROR or NONE");
      };
      ((Logger) LoggerFactory.getLogger("io.parsevertx.livequery")).setLevel(liveQueryLevel);
    }
  }
}
