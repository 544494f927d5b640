package io.parsevertx.data.functions;

import io.parsevertx.cloud.CloudCode;
import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.data.classes.ClassesService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /jobs/:name} (master key): records a {@code _JobStatus} (running), answers at once
 * with its id, and runs the job in the background; the status ends {@code succeeded} or
 * {@code failed} (with the error as {@code message}) and {@code finishedAt}.
 */
public final class JobsService {
  public static final String JOB_NAME = "jobName";
  private static final Logger LOG = LoggerFactory.getLogger(JobsService.class);

  private final CloudCode cloud;
  private final ClassesService classes;

  public JobsService(CloudCode cloud, ClassesService classes) {
    this.cloud = cloud;
    this.classes = classes;
  }

  public Future<JsonObject> run(ServiceRequest request) {
    String name = request.params().getString(JOB_NAME);
    if (!request.auth().master()) {
      return Future.failedFuture(new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
          "unauthorized: master key is required"));
    }
    if (name == null || !cloud.hasTrigger("job", name)) {
      return Future.failedFuture(new ParseException(ParseErrorCode.SCRIPT_FAILED,
          "Invalid job: " + name));
    }
    JsonObject status = new JsonObject().put("jobName", name)
        .put("source", request.params().getString("source", "api"))
        .put("status", "running").put("params", request.body().encode())
        .put("startedAt", date(Instant.now())).put("ACL", new JsonObject());
    return classes.create(master(request, null, status)).map(created -> {
      String jobId = created.getString("objectId");
      LOG.info("event=job_started jobName={} jobStatusId={}", name, jobId);
      cloud.runJob(name, new JsonObject().put("params", request.body()).put("master", true)
              .put("jobId", jobId).put("jobName", name))
          .transform(done -> {
            JsonObject end = new JsonObject().put("finishedAt", date(Instant.now()));
            if (done.succeeded()) {
              end.put("status", "succeeded");
            } else {
              end.put("status", "failed").put("message", done.cause().getMessage());
            }
            LOG.info("event=job_finished jobName={} jobStatusId={} status={}", name, jobId,
                end.getString("status"));
            return classes.update(master(request, jobId, end));
          })
          .onFailure(e -> LOG.warn("event=job_status_not_saved jobStatusId={} error={}", jobId,
              e.getMessage()));
      return new JsonObject().put(DataServiceClient.JOB_STATUS_ID, jobId);
    });
  }

  private static JsonObject date(Instant at) {
    return new JsonObject().put("__type", "Date").put("iso", ParseDates.format(at));
  }

  private static ServiceRequest master(ServiceRequest request, String objectId, JsonObject body) {
    return new ServiceRequest(request.requestId(), AuthContext.masterKey(), ClassNames.JOB_STATUS,
        objectId, null, body);
  }
}
