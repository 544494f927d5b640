package io.parsevertx.common.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class RecentLogsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** e1 error, w2 warn, i3 info, v4 verbose, i5 info; one second apart. */
  private static RecentLogs sample() {
    RecentLogs logs = new RecentLogs(10);
    String[][] events = {{"error", "e1"}, {"warn", "w2"}, {"info", "i3"}, {"verbose", "v4"},
        {"info", "i5"}};
    for (int i = 0; i < events.length; i++) {
      logs.add(T0.plusSeconds(i + 1), events[i][0], events[i][1]);
    }
    return logs;
  }

  static Stream<Arguments> queries() {
    Instant end = T0.plusSeconds(60);
    return Stream.of(
        Arguments.of("errors only", new RecentLogs.Query("error", T0, end, 10, true),
            List.of("e1")),
        Arguments.of("info and worse, newest first",
            new RecentLogs.Query("info", T0, end, 10, true), List.of("i5", "i3", "w2", "e1")),
        Arguments.of("oldest first", new RecentLogs.Query("info", T0, end, 10, false),
            List.of("e1", "w2", "i3", "i5")),
        Arguments.of("size", new RecentLogs.Query("info", T0, end, 2, true), List.of("i5", "i3")),
        Arguments.of("verbose includes all", new RecentLogs.Query("verbose", T0, end, 10, false),
            List.of("e1", "w2", "i3", "v4", "i5")),
        Arguments.of("window", new RecentLogs.Query("info", T0.plusSeconds(2),
            T0.plusSeconds(3), 10, false), List.of("w2", "i3")),
        Arguments.of("unknown level counts as info",
            new RecentLogs.Query("nonsense", T0, end, 10, false), List.of("e1", "w2", "i3", "i5")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void finds(String name, RecentLogs.Query query, List<String> expected) {
    assertEquals(expected, sample().find(query).stream().map(RecentLogs.LogEntry::message)
        .toList());
  }

  @Test
  void dropsTheOldestWhenFullAndCutsLongMessages() {
    RecentLogs logs = new RecentLogs(3);
    for (int i = 0; i < 5; i++) {
      logs.add(T0.plusSeconds(i), "INFO", "m" + i);
    }
    logs.add(T0.plusSeconds(9), "info", "x".repeat(RecentLogs.MAX_MESSAGE_LENGTH + 50));
    List<RecentLogs.LogEntry> kept = logs.find(new RecentLogs.Query("info", T0,
        T0.plusSeconds(60), 10, false));
    assertEquals(List.of("m3", "m4"), kept.subList(0, 2).stream()
        .map(RecentLogs.LogEntry::message).toList());
    assertEquals("info", kept.get(0).level());
    String cut = kept.get(2).message();
    assertTrue(cut.startsWith("x".repeat(RecentLogs.MAX_MESSAGE_LENGTH)) && cut.endsWith(
        "(truncated)") && cut.length() < RecentLogs.MAX_MESSAGE_LENGTH + 50, cut);
  }
}
