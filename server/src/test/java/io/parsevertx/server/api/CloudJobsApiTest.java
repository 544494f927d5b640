package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /jobs/:name} with the master key: answered at once with
 * {@code X-Parse-Job-Status-Id}, run in the background, its progress ({@code request.message})
 * and end recorded in {@code _JobStatus}.
 */
class CloudJobsApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);

  @BeforeAll
  static void bootWithCloudCode() throws Exception {
    Path main = Path.of(CloudJobsApiTest.class.getResource("/cloud/main.js").toURI());
    withConfig(Map.of("cloud", main.toString()));
  }

  private static JsonObject finished(String statusId) {
    PushApiTest.waitUntil(() -> !"running".equals(expect(request(HttpMethod.GET,
        "/classes/_JobStatus/" + statusId, MASTER, null), 200).getString("status")), 15_000);
    return expect(request(HttpMethod.GET, "/classes/_JobStatus/" + statusId, MASTER, null), 200);
  }

  @Test
  void aJobRunsInTheBackgroundAndRecordsItsStatus() {
    create("Review", new JsonObject().put("text", "for the job"));
    assertEquals("unauthorized: master key is required", expect(request(HttpMethod.POST,
        "/jobs/countReviews", new JsonObject()), 403).getString("error"));
    HttpResponse<Buffer> started = request(HttpMethod.POST, "/jobs/countReviews", MASTER,
        new JsonObject().put("label", "nightly"));
    assertEquals(new JsonObject(), expect(started, 200));
    String statusId = started.getHeader(ParseHeaders.JOB_STATUS_ID);
    assertNotNull(statusId);
    JsonObject status = finished(statusId);
    assertEquals("succeeded", status.getString("status"), status::encode);
    assertEquals("countReviews", status.getString("jobName"));
    assertTrue(status.getString("message").startsWith("counted "), status::encode);
    assertEquals("Date", status.getJsonObject("finishedAt").getString("__type"));
    JsonObject summary = expect(request(HttpMethod.GET, "/classes/JobSummary", MASTER, null),
        200).getJsonArray("results").getJsonObject(0);
    assertEquals("nightly", summary.getString("label"));
  }

  @Test
  void aFailingJobIsRecordedAsFailed() {
    String statusId = request(HttpMethod.POST, "/jobs/failingJob", MASTER, new JsonObject())
        .getHeader(ParseHeaders.JOB_STATUS_ID);
    JsonObject status = finished(statusId);
    assertEquals("failed", status.getString("status"), status::encode);
    assertEquals("the job broke", status.getString("message"));
    expectError(request(HttpMethod.POST, "/jobs/noSuchJob", MASTER, new JsonObject()), 400, 141);
  }

  private static JsonArray scheduledRuns() {
    return expect(client.requestAbs(HttpMethod.GET, url("/classes/_JobStatus"))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY)
        .addQueryParam("where", new JsonObject().put("source", "schedule").encode())
        .send().await(), 200).getJsonArray("results");
  }

  @Test
  void aScheduledJobRunsOnceWhenDue() throws InterruptedException {
    JsonObject data = expect(request(HttpMethod.GET, "/cloud_code/jobs/data", MASTER, null),
        200);
    assertTrue(data.getJsonArray("jobs").contains("countReviews"), data::encode);
    assertEquals(500, request(HttpMethod.POST, "/cloud_code/jobs", MASTER, new JsonObject()
        .put("job_schedule", new JsonObject().put("jobName", "notDeployed"))).statusCode());
    String id = expect(request(HttpMethod.POST, "/cloud_code/jobs", MASTER, new JsonObject()
        .put("job_schedule", new JsonObject().put("jobName", "countReviews")
            .put("description", "once").put("params", new JsonObject().put("label", "scheduled"))
            .put("startAfter", java.time.Instant.now().toString()))), 200)
        .getString("objectId");
    assertNotNull(id);
    PushApiTest.waitUntil(() -> !scheduledRuns().isEmpty(), 20_000);
    JsonObject run = scheduledRuns().getJsonObject(0);
    assertEquals("countReviews", run.getString("jobName"), run::encode);
    JsonArray schedules = new JsonArray(request(HttpMethod.GET, "/cloud_code/jobs", MASTER,
        null).bodyAsString());
    assertEquals(1, schedules.size(), schedules::encode);
    assertNotNull(schedules.getJsonObject(0).getJsonObject("lastRun"), schedules::encode);
    assertTrue(expect(request(HttpMethod.GET, "/cloud_code/jobs/data", MASTER, null), 200)
        .getJsonArray("in_use").contains("countReviews"));
    // once: the next scans find it already run
    Thread.sleep(6_000);
    assertEquals(1, scheduledRuns().size());
    expect(request(HttpMethod.DELETE, "/cloud_code/jobs/" + id, MASTER, null), 200);
  }
}
