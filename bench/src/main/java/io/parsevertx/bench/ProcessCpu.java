package io.parsevertx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time one process (all its threads) has used, from {@code /proc/<pid>/stat}: user plus
 * system time, read before and after a measured run to tell how much CPU the server itself spent
 * on it, apart from the bench, the database and anything else sharing the cores.
 */
final class ProcessCpu {
  /** Linux reports process times in USER_HZ ticks, 100 per second on every common platform. */
  static final double TICKS_PER_SECOND = 100.0;
  private static final int UTIME = 11;
  private static final int STIME = 12;

  private ProcessCpu() {}

  /**
   * The seconds of CPU in a {@code /proc/<pid>/stat} line; the command name in parentheses may
   * hold spaces, so fields are counted after its closing parenthesis.
   *
   * @return the seconds, or NaN when the line cannot be read
   */
  static double parse(String stat) {
    if (stat == null || stat.lastIndexOf(')') < 0) {
      return Double.NaN;
    }
    String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
    if (fields.length <= STIME) {
      return Double.NaN;
    }
    try {
      return (Long.parseLong(fields[UTIME]) + Long.parseLong(fields[STIME])) / TICKS_PER_SECOND;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The CPU seconds of process {@code pid} so far, NaN when unknown (no pid, not Linux). */
  static double seconds(Long pid) {
    if (pid == null) {
      return Double.NaN;
    }
    try {
      return parse(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
