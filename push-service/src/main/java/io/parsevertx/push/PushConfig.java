package io.parsevertx.push;

import io.parsevertx.common.options.ParseServerOptions;
import io.parsevertx.common.options.PushOptions;
import io.vertx.core.json.JsonObject;

/**
 * What push-service needs from the server options.
 *
 * @param push the {@code push} option (possibly nothing configured)
 * @param scheduledPush {@code scheduledPush}: whether {@code push_time} defers a send (else, as
 *     in Parse Server, the push goes out at once)
 * @param requestTimeoutMillis how long a call to data-service may take
 * @param batchSize installations read and sent per page
 * @param schedulerPeriodMillis how often due scheduled pushes and free slices are looked for
 * @param slices how many slices (each leased by one instance) a push is cut into
 * @param leaseMillis how long a slice stays with an instance that stopped reporting progress
 */
public record PushConfig(PushOptions push, boolean scheduledPush, long requestTimeoutMillis,
    int batchSize, long schedulerPeriodMillis, int slices, long leaseMillis) {
  public static final int DEFAULT_BATCH_SIZE = 500;
  public static final int DEFAULT_SLICES = 4;
  public static final long DEFAULT_LEASE_MILLIS = 30_000;
  public static final long DEFAULT_SCHEDULER_PERIOD_MILLIS = 1_000;
  private static final long DEFAULT_REQUEST_TIMEOUT = 30_000;

  /**
   * Deployment config only (no server option): a shorter lease, for tests that let an instance
   * die mid-send.
   */
  public static final String LEASE_MILLIS_CONFIG = "pushLeaseMillis";
  /** Deployment config only: smaller pages, for tests that stop an instance between pages. */
  public static final String BATCH_SIZE_CONFIG = "pushBatchSize";

  public static PushConfig fromJson(JsonObject options) {
    Number timeout = options.getNumber(ParseServerOptions.REQUEST_TIMEOUT);
    long lease = options.getLong(LEASE_MILLIS_CONFIG, DEFAULT_LEASE_MILLIS);
    return new PushConfig(PushOptions.from(options),
        options.getBoolean(ParseServerOptions.SCHEDULED_PUSH, false),
        timeout == null ? DEFAULT_REQUEST_TIMEOUT : timeout.longValue(),
        options.getInteger(BATCH_SIZE_CONFIG, DEFAULT_BATCH_SIZE),
        DEFAULT_SCHEDULER_PERIOD_MILLIS, DEFAULT_SLICES, lease);
  }
}
