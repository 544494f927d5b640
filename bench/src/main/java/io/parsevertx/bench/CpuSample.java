package io.parsevertx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine-wide CPU time from the first line of {@code /proc/stat} (the aggregate {@code cpu}
 * line, in jiffies since boot), read before and after a measured run to tell how many cores were
 * busy meanwhile. Machine-wide on purpose: the bench, the servers and the store share the cores.
 */
final class CpuSample {
  static final Path PROC_STAT = Path.of("/proc/stat");
  private static final int IDLE = 3;
  private static final int IOWAIT = 4;
  /**
   * user, nice, system, idle, iowait, irq, softirq, steal. The later guest and guest_nice are
   * left out: the kernel already counts them in user and nice.
   */
  private static final int COUNTED_FIELDS = 8;

  private CpuSample() {}

  /**
   * The jiffies of the aggregate {@code cpu} line, e.g. {@code cpu  4705 356 584 3699 23 23 0 0 0
   * 0}; at most the first eight fields, fewer on old kernels.
   *
   * @return the fields, or null when the line is not a {@code cpu} line
   */
  static long[] parse(String line) {
    if (line == null) {
      return null;
    }
    String[] parts = line.trim().split("\\s+");
    if (parts.length < 1 + IOWAIT + 1 || !"cpu".equals(parts[0])) {
      return null;
    }
    int count = Math.min(parts.length - 1, COUNTED_FIELDS);
    long[] fields = new long[count];
    try {
      for (int i = 0; i < count; i++) {
        fields[i] = Long.parseLong(parts[i + 1]);
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return fields;
  }

  /**
   * How many cores were busy on average between two samples: the share of the time spent
   * neither idle nor waiting for I/O, times the number of cores.
   *
   * @return NaN when either sample is missing or no time passed
   */
  static double coresBusy(long[] before, long[] after, int cores) {
    if (before == null || after == null || before.length != after.length) {
      return Double.NaN;
    }
    long total = 0;
    long idle = 0;
    for (int i = 0; i < before.length; i++) {
      long delta = after[i] - before[i];
      total += delta;
      if (i == IDLE || i == IOWAIT) {
        idle += delta;
      }
    }
    return total <= 0 ? Double.NaN : (double) (total - idle) / total * cores;
  }

  /** The current sample, or null when {@code /proc/stat} cannot be read (not Linux). */
  static long[] read() {
    try {
      List<String> lines = Files.readAllLines(PROC_STAT);
      return lines.isEmpty() ? null : parse(lines.get(0));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
