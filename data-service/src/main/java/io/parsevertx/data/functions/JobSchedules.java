package io.parsevertx.data.functions;

import io.parsevertx.cloud.CloudCode;
import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.data.classes.ClassesService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /cloud_code/jobs}: job schedules in {@code _JobSchedule} (Parse Server's fields:
 * {@code jobName}, {@code description}, {@code params}, {@code startAfter}, {@code daysOfWeek},
 * {@code timeOfDay}, {@code repeatMinutes}, {@code lastRun}), and the scheduler that runs them.
 * Every data-service looks for due schedules every few seconds; a due one is claimed under a
 * cluster-wide lock and its {@code lastRun} saved before the job starts, so it runs once per
 * cluster, and the schedule survives restarts.
 */
public final class JobSchedules {
  public static final long PERIOD_MILLIS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(JobSchedules.class);
  private static final String LOCK_PREFIX = "parse.jobs.schedule.";

  private final Vertx vertx;
  private final CloudCode cloud;
  private final ClassesService classes;
  private final JobsService jobs;
  private boolean scanning;

  public JobSchedules(Vertx vertx, CloudCode cloud, ClassesService classes, JobsService jobs) {
    this.vertx = vertx;
    this.cloud = cloud;
    this.classes = classes;
    this.jobs = jobs;
  }

  /** The REST side; params {@code method} and {@code path} (below /cloud_code/jobs). */
  public Future<JsonObject> handle(ServiceRequest request) {
    if (!request.auth().master()) {
      return Future.failedFuture(new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
          "unauthorized: master key is required"));
    }
    String method = request.params().getString("method", "GET");
    String path = request.params().getString("path", "").replaceFirst("^/+", "");
    if (path.equals("data") && "GET".equals(method)) {
      return list().map(schedules -> new JsonObject()
          .put("jobs", new JsonArray(List.copyOf(cloud.jobNames())))
          .put("in_use", new JsonArray(schedules.stream()
              .map(s -> ((JsonObject) s).getString("jobName")).distinct().toList())));
    }
    JsonObject schedule = request.body().getJsonObject("job_schedule", new JsonObject());
    return switch (method) {
      case "GET" -> list().map(all -> new JsonObject().put("results", all));
      case "POST" -> checked(schedule).compose(valid -> classes.create(master(null,
          valid.put("ACL", new JsonObject()))));
      case "PUT" -> checked(schedule).compose(valid -> classes.update(master(path, valid)));
      case "DELETE" -> classes.delete(master(path, null));
      default -> Future.failedFuture(new ParseException(ParseErrorCode.INVALID_JSON,
          "unsupported: " + method));
    };
  }

  /** Looks for due schedules; overlapping calls are skipped. */
  public void scan() {
    if (scanning) {
      return;
    }
    scanning = true;
    list().compose(all -> Future.join(all.stream().map(s -> (JsonObject) s)
            .filter(s -> due(s, Instant.now())).map(this::claimAndRun).toList()))
        .onFailure(e -> LOG.warn("event=job_schedule_scan_failed error={}", e.getMessage()))
        .onComplete(done -> scanning = false);
  }

  private Future<Void> claimAndRun(JsonObject schedule) {
    String id = schedule.getString("objectId");
    return vertx.sharedData().getLockWithTimeout(LOCK_PREFIX + id, 1)
        .compose(lock -> classes.get(master(id, null)).compose(fresh -> {
          Instant now = Instant.now();
          if (!due(fresh, now)) {
            return Future.<JsonObject>succeededFuture(null);
          }
          return classes.update(master(id, new JsonObject().put("lastRun", date(now))))
              .map(fresh);
        }).eventually(() -> {
          lock.release();
          return Future.succeededFuture();
        }))
        .<Void>compose(claimed -> {
          if (claimed == null) {
            return Future.succeededFuture();
          }
          LOG.info("event=job_schedule_due jobName={} schedule={}", claimed.getString("jobName"),
              id);
          JsonObject params = paramsOf(claimed.getValue("params"));
          return jobs.run(new ServiceRequest(null, AuthContext.masterKey(), null, null,
              new JsonObject().put(JobsService.JOB_NAME, claimed.getString("jobName"))
                  .put("source", "schedule"), params)).<Void>mapEmpty();
        })
        .recover(e -> Future.<Void>succeededFuture()); // note: another instance holds the claim
  }

  /**
   * Due now: started ({@code startAfter} passed), on one of its {@code daysOfWeek} (0 is
   * Sunday) and past its {@code timeOfDay} (UTC) when set, and not run yet - or, with
   * {@code repeatMinutes}, not within that many minutes; with a {@code timeOfDay}, once a day.
   */
  static boolean due(JsonObject schedule, Instant now) {
    Instant startAfter = instant(schedule.getValue("startAfter"));
    if (startAfter != null && now.isBefore(startAfter)) {
      return false;
    }
    ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
    JsonArray days = schedule.getJsonArray("daysOfWeek");
    if (days != null && !days.isEmpty()
        && !days.contains(utc.getDayOfWeek().getValue() % 7)) {
      return false;
    }
    Instant lastRun = instant(schedule.getValue("lastRun"));
    String timeOfDay = schedule.getString("timeOfDay");
    if (timeOfDay != null && !timeOfDay.isBlank()) {
      Instant today = utc.toLocalDate().atTime(LocalTime.parse(timeOfDay.trim()))
          .toInstant(ZoneOffset.UTC);
      return !now.isBefore(today) && (lastRun == null || lastRun.isBefore(today));
    }
    Number repeat = schedule.getNumber("repeatMinutes");
    if (lastRun == null) {
      return true;
    }
    return repeat != null && repeat.longValue() > 0
        && !now.isBefore(lastRun.plusSeconds(repeat.longValue() * 60));
  }

  private Future<JsonObject> checked(JsonObject schedule) {
    String jobName = schedule.getString("jobName");
    if (jobName != null && !cloud.jobNames().contains(jobName)) {
      return Future.failedFuture(new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR,
          "Cannot Schedule a job that is not deployed"));
    }
    JsonObject valid = schedule.copy();
    if (valid.getValue("params") instanceof JsonObject params) {
      valid.put("params", params.encode());
    }
    if (valid.getValue("startAfter") instanceof String text) {
      valid.put("startAfter", date(ParseDates.parse(text)));
    }
    return Future.succeededFuture(valid);
  }

  private Future<JsonArray> list() {
    return classes.find(new ServiceRequest(null, AuthContext.masterKey(),
            ClassNames.JOB_SCHEDULE, null, new JsonObject().put("limit", 1000), null))
        .map(found -> found.getJsonArray("results", new JsonArray()));
  }

  private static JsonObject paramsOf(Object value) {
    if (value instanceof JsonObject json) {
      return json;
    }
    return value instanceof String text && !text.isBlank() ? new JsonObject(text)
        : new JsonObject();
  }

  private static Instant instant(Object value) {
    if (value instanceof JsonObject date && date.getString("iso") != null) {
      return ParseDates.parse(date.getString("iso"));
    }
    return value instanceof String text && !text.isBlank() ? ParseDates.parse(text) : null;
  }

  private static JsonObject date(Instant at) {
    return new JsonObject().put("__type", "Date").put("iso", ParseDates.format(at));
  }

  private static ServiceRequest master(String objectId, JsonObject body) {
    return new ServiceRequest(null, AuthContext.masterKey(), ClassNames.JOB_SCHEDULE, objectId,
        null, body);
  }
}
