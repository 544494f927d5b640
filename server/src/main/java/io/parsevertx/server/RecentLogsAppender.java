package io.parsevertx.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.parsevertx.common.logs.RecentLogs;
import io.parsevertx.common.options.ParseServerOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.LoggerFactory;

/**
 * Feeds Logback's events to this process's {@link RecentLogs} ring, which the gateway serves as
 * {@code GET /scriptlog}. Installed on the root logger from code when the suite starts (so a
 * custom Logback configuration keeps it); the key options' values are masked out of every
 * message before it is kept. Unsynchronized: the ring is thread-safe, so event loops logging at
 * once do not queue on the appender.
 */
final class RecentLogsAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  static final String NAME = "PARSE_RECENT_LOGS";
  private static final String MASK = "********";
  private static final List<String> SECRET_OPTIONS = List.of(ParseServerOptions.MASTER_KEY,
      ParseServerOptions.READ_ONLY_MASTER_KEY, ParseServerOptions.CLIENT_KEY,
      ParseServerOptions.JAVASCRIPT_KEY, ParseServerOptions.REST_API_KEY,
      ParseServerOptions.DOT_NET_KEY, ParseServerOptions.WEBHOOK_KEY,
      ParseServerOptions.ENCRYPTION_KEY);

  private final RecentLogs ring;
  private final Set<String> secrets = new CopyOnWriteArraySet<>();

  private RecentLogsAppender(RecentLogs ring) {
    this.ring = ring;
  }

  /** Adds the appender to the root logger once per process, and masks these options' keys. */
  static synchronized void install(JsonObject options) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    RecentLogsAppender appender = (RecentLogsAppender) root.getAppender(NAME);
    if (appender == null) {
      appender = new RecentLogsAppender(RecentLogs.process());
      appender.setName(NAME);
      appender.setContext(root.getLoggerContext());
      appender.start();
      root.addAppender(appender);
    }
    for (String option : SECRET_OPTIONS) {
      if (options.getValue(option) instanceof String value && !value.isEmpty()) {
        appender.secrets.add(value);
      }
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    StringBuilder message = new StringBuilder("logger=").append(shortName(event.getLoggerName()))
        .append(' ').append(event.getFormattedMessage());
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown != null) {
      message.append(" exception=").append(thrown.getClassName()).append(": ")
          .append(thrown.getMessage());
    }
    String text = message.toString();
    for (String secret : secrets) {
      text = text.replace(secret, MASK);
    }
    ring.add(Instant.ofEpochMilli(event.getTimeStamp()), levelName(event.getLevel()), text);
  }

  private static String shortName(String logger) {
    return logger.substring(logger.lastIndexOf('.') + 1);
  }

  /** Logback's levels under Parse Server's names (DEBUG is its verbose, TRACE its silly). */
  private static String levelName(Level level) {
    return switch (level.toInt()) {
      case Level.ERROR_INT -> "error";
      case Level.WARN_INT -> "warn";
      case Level.INFO_INT -> "info";
      case Level.DEBUG_INT -> "verbose";
      default -> "silly";
    };
  }
}
