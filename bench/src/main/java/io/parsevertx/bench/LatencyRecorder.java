package io.parsevertx.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latencies of the successful requests of one measured run, kept in an HdrHistogram at microsecond
 * resolution (3 significant digits, up to one minute). Not thread-safe: a run records from its one
 * event-loop thread.
 */
public final class LatencyRecorder {
  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);
  private static final int SIGNIFICANT_DIGITS = 3;
  private static final double MICROS_PER_MS = 1000.0;

  private final Histogram histogram = new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);

  /** Records one latency; values past one minute are clamped to it. */
  public void recordNanos(long nanos) {
    long micros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos));
    histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
  }

  /** How many latencies were recorded. */
  public long count() {
    return histogram.getTotalCount();
  }

  /**
   * The latency at a percentile, in milliseconds.
   *
   * @param percentile 0 to 100, e.g. 50 or 99
   * @return the value, or 0 when nothing was recorded
   */
  public double percentileMs(double percentile) {
    if (count() == 0) {
      return 0;
    }
    return histogram.getValueAtPercentile(percentile) / MICROS_PER_MS;
  }

  /** The largest latency, in milliseconds (0 when nothing was recorded). */
  public double maxMs() {
    return count() == 0 ? 0 : histogram.getMaxValue() / MICROS_PER_MS;
  }
}
