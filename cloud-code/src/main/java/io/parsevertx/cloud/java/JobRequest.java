package io.parsevertx.cloud.java;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * What a Java job sees, as {@code request} in {@code Parse.Cloud.job}.
 *
 * @param jobName the job's name
 * @param jobId its {@code _JobStatus}'s objectId
 * @param params the job's parameters (the body of {@code POST /jobs/:name})
 * @param sdk this server, in-process, as the master key (a job runs as master)
 */
public record JobRequest(String jobName, String jobId, JsonObject params, CloudSdk sdk) {

  /** Records progress in the {@code _JobStatus}'s {@code message}, as {@code request.message}. */
  public Future<Void> message(String text) {
    return sdk.asMaster().save("_JobStatus", new JsonObject().put("objectId", jobId)
        .put("message", text)).mapEmpty();
  }
}
