package io.parsevertx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

  @Test
  void userAndSystemTicksOfAStatLine() {
    String stat = "12957 (java (main)) S 1 12957 1 0 -1 4194560 95 0 0 0 250 130 0 0 20 0 40 0 "
        + "1234 567 89";
    assertEquals(3.8, ProcessCpu.parse(stat), 1e-9, "(250 + 130) ticks at 100 per second");
    assertTrue(Double.isNaN(ProcessCpu.parse("garbage")));
  }

  @Test
  void thisProcessHasSpentSomeCpu() {
    double seconds = ProcessCpu.seconds(ProcessHandle.current().pid());
    assertTrue(!(seconds < 0), String.valueOf(seconds));
  }
}
