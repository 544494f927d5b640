package io.parsevertx.data.functions;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a {@code _JobSchedule} is due, by Parse's schedule fields. */
class JobSchedulesDueTest {
  // a Monday
  private static final Instant NOW = Instant.parse("2026-11-30T10:30:00Z");

  private static JsonObject date(String iso) {
    return new JsonObject().put("__type", "Date").put("iso", iso);
  }

  @Test
  void aOneOffScheduleRunsOnceAfterItsStart() {
    assertTrue(JobSchedules.due(new JsonObject(), NOW));
    assertFalse(JobSchedules.due(new JsonObject().put("startAfter",
        date("2026-11-30T11:00:00.000Z")), NOW));
    assertFalse(JobSchedules.due(new JsonObject().put("lastRun",
        date("2026-11-30T09:00:00.000Z")), NOW));
  }

  @Test
  void aRepeatingScheduleWaitsItsMinutes() {
    JsonObject every10 = new JsonObject().put("repeatMinutes", 10);
    assertFalse(JobSchedules.due(every10.copy().put("lastRun",
        date("2026-11-30T10:25:00.000Z")), NOW));
    assertTrue(JobSchedules.due(every10.copy().put("lastRun",
        date("2026-11-30T10:19:00.000Z")), NOW));
  }

  @Test
  void aDailyScheduleRunsOnceADayAfterItsTimeOnItsDays() {
    JsonObject daily = new JsonObject().put("timeOfDay", "10:00:00");
    assertTrue(JobSchedules.due(daily, NOW));
    assertFalse(JobSchedules.due(daily, Instant.parse("2026-11-30T09:59:00Z")));
    assertFalse(JobSchedules.due(daily.copy().put("lastRun",
        date("2026-11-30T10:00:30.000Z")), NOW));
    assertTrue(JobSchedules.due(daily.copy().put("lastRun",
        date("2026-11-29T10:00:30.000Z")), NOW));
    assertTrue(JobSchedules.due(daily.copy().put("daysOfWeek", new JsonArray().add(1)), NOW));
    assertFalse(JobSchedules.due(daily.copy().put("daysOfWeek", new JsonArray().add(2)), NOW));
  }
}
