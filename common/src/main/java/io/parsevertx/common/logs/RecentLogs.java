package io.parsevertx.common.logs;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The last log events of this process, in a bounded ring (oldest dropped first), for
 * {@code GET /scriptlog}. The logging backend feeds it (server's {@code RecentLogsAppender});
 * the gateway reads it. Each process keeps its own: in a deployment of several processes, a
 * gateway answers with the events of the process it runs in.
 */
public final class RecentLogs {
  /** Events kept per process. */
  public static final int DEFAULT_CAPACITY = 1000;
  /** Longest message kept, as Parse Server's logger truncates (1000 characters). */
  public static final int MAX_MESSAGE_LENGTH = 1000;
  private static final String TRUNCATED = "... (truncated)";
  // note: one per JVM, as the logging backend that feeds it is one per JVM
  private static final RecentLogs PROCESS = new RecentLogs(DEFAULT_CAPACITY);

  /** Parse Server's level names, most severe first. */
  private static final List<String> LEVELS = List.of("error", "warn", "info", "verbose",
      "debug", "silly");

  private final int capacity;
  private final ArrayDeque<LogEntry> entries;

  /**
   * One logged event.
   *
   * @param level a Parse Server level name: error, warn, info, verbose, debug or silly
   */
  public record LogEntry(Instant timestamp, String level, String message) {}

  /**
   * A {@code /scriptlog} query.
   *
   * @param level the least severe level wanted: {@code error} gives errors only, {@code info}
   *     info, warnings and errors
   * @param descending newest first (Parse Server's default)
   */
  public record Query(String level, Instant from, Instant until, int size, boolean descending) {}

  public RecentLogs(int capacity) {
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(capacity);
  }

  /** The ring this process's logging backend feeds. */
  public static RecentLogs process() {
    return PROCESS;
  }

  /** Keeps one event, dropping the oldest when full; messages over 1000 chars are cut. */
  public void add(Instant timestamp, String level, String message) {
    String text = message == null ? "" : message;
    if (text.length() > MAX_MESSAGE_LENGTH) {
      text = text.substring(0, MAX_MESSAGE_LENGTH) + TRUNCATED;
    }
    LogEntry entry = new LogEntry(timestamp, level.toLowerCase(Locale.ROOT), text);
    synchronized (entries) {
      if (entries.size() == capacity) {
        entries.removeFirst();
      }
      entries.addLast(entry);
    }
  }

  /** The events of at least {@code query.level()}'s severity within its window, in order. */
  public List<LogEntry> find(Query query) {
    int wanted = severity(query.level());
    List<LogEntry> matching = new ArrayList<>();
    synchronized (entries) {
      for (LogEntry entry : entries) {
        if (severity(entry.level()) <= wanted && !entry.timestamp().isBefore(query.from())
            && !entry.timestamp().isAfter(query.until())) {
          matching.add(entry);
        }
      }
    }
    if (query.descending()) {
      Collections.reverse(matching);
    }
    return List.copyOf(matching.subList(0, Math.min(Math.max(query.size(), 0),
        matching.size())));
  }

  /** 0 for error, up to 5 for silly; an unknown name counts as info. */
  private static int severity(String level) {
    int index = LEVELS.indexOf(level == null ? "" : level.toLowerCase(Locale.ROOT));
    return index < 0 ? LEVELS.indexOf("info") : index;
  }
}
