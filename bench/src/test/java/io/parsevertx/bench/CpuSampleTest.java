package io.parsevertx.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuSampleTest {
  private static final double TOLERANCE = 1e-9;
  // user nice system idle iowait irq softirq steal guest guest_nice
  private static final String BEFORE = "cpu  1000 10 300 5000 50 5 5 0 200 0";

  @Test
  void parsesTheAggregateLineUpToSteal() {
    assertArrayEquals(new long[] {1000, 10, 300, 5000, 50, 5, 5, 0}, CpuSample.parse(BEFORE));
    assertArrayEquals(new long[] {1, 2, 3, 4, 5}, CpuSample.parse("cpu 1 2 3 4 5"));
  }

  @Test
  void refusesWhatIsNotTheAggregateLine() {
    assertNull(CpuSample.parse("cpu0 1 2 3 4 5 6 7 8"));
    assertNull(CpuSample.parse("cpu 1 2 x 4 5"));
    assertNull(CpuSample.parse("cpu 1 2"));
    assertNull(CpuSample.parse(""));
    assertNull(CpuSample.parse(null));
  }

  @Test
  void busyIsTheShareNeitherIdleNorIowaitTimesTheCores() {
    // +200 deltas: user 100, system 40, irq 6, softirq 4 busy; idle 40, iowait 10 not
    long[] before = CpuSample.parse(BEFORE);
    long[] after = CpuSample.parse("cpu  1100 10 340 5040 60 11 9 0 300 0");
    assertEquals(150.0 / 200 * 2, CpuSample.coresBusy(before, after, 2), TOLERANCE);
    assertEquals(150.0 / 200 * 4, CpuSample.coresBusy(before, after, 4), TOLERANCE);
  }

  @Test
  void guestTimeIsNotCountedTwice() {
    // the guest field grew by 100, already inside user's 100: both cores fully busy
    long[] before = CpuSample.parse("cpu 0 0 0 0 0 0 0 0 0 0");
    long[] after = CpuSample.parse("cpu 100 0 0 0 0 0 0 0 100 0");
    assertEquals(2.0, CpuSample.coresBusy(before, after, 2), TOLERANCE);
  }

  @Test
  void unknownWhenASampleIsMissingOrNoTimePassed() {
    long[] sample = CpuSample.parse(BEFORE);
    assertTrue(Double.isNaN(CpuSample.coresBusy(null, sample, 2)));
    assertTrue(Double.isNaN(CpuSample.coresBusy(sample, null, 2)));
    assertTrue(Double.isNaN(CpuSample.coresBusy(sample, sample, 2)));
    assertTrue(Double.isNaN(CpuSample.coresBusy(sample, CpuSample.parse("cpu 1 2 3 4 5"), 2)));
  }
}
