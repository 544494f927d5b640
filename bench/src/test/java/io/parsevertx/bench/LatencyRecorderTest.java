package io.parsevertx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LatencyRecorderTest {
  private static final double TOLERANCE_MS = 0.01;

  /** 1..1000 ms, one each: percentile p is p * 10 ms, within HdrHistogram's 3 digits. */
  static Stream<Arguments> percentiles() {
    return Stream.of(
        Arguments.of(50.0, 500.0),
        Arguments.of(99.0, 990.0),
        Arguments.of(100.0, 1000.0),
        Arguments.of(0.1, 1.0));
  }

  @ParameterizedTest
  @MethodSource("percentiles")
  void readsPercentilesOfUniformMilliseconds(double percentile, double expectedMs) {
    LatencyRecorder recorder = new LatencyRecorder();
    for (int ms = 1000; ms >= 1; ms--) {
      recorder.recordNanos(TimeUnit.MILLISECONDS.toNanos(ms));
    }
    assertEquals(1000, recorder.count());
    assertEquals(expectedMs, recorder.percentileMs(percentile), expectedMs / 1000 + TOLERANCE_MS);
  }

  @Test
  void skewedTailShowsInP99NotP50() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (int i = 0; i < 980; i++) {
      recorder.recordNanos(TimeUnit.MICROSECONDS.toNanos(2_000));
    }
    for (int i = 0; i < 20; i++) {
      recorder.recordNanos(TimeUnit.MILLISECONDS.toNanos(250));
    }
    assertEquals(2.0, recorder.percentileMs(50), TOLERANCE_MS);
    assertEquals(250.0, recorder.percentileMs(99), 0.25);
    assertEquals(250.0, recorder.maxMs(), 0.25);
  }

  @Test
  void emptyAndOutOfRangeValues() {
    LatencyRecorder recorder = new LatencyRecorder();
    assertEquals(0.0, recorder.percentileMs(99));
    assertEquals(0.0, recorder.maxMs());
    recorder.recordNanos(0);
    recorder.recordNanos(TimeUnit.MINUTES.toNanos(5));
    assertEquals(2, recorder.count());
    assertEquals(60_000.0, recorder.maxMs(), 60.0);
  }
}
