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
 * @param batchSize installations read and sent per page ({@code push.queueOptions.batchSize})
 * @param schedulerPeriodMillis how often due scheduled pushes and free slices are looked for
 * @param slices how many slices (each leased by one instance) a push is cut into
 * @param leaseMillis how long a slice stays with an instance that stopped reporting progress
 *     ({@code push.queueOptions.leaseSeconds})
 */
public record PushConfig(PushOptions push, boolean scheduledPush, long requestTimeoutMillis,
    int batchSize, long schedulerPeriodMillis, int slices, long leaseMillis) {
  public static final int DEFAULT_SLICES = 4;
  public static final long DEFAULT_SCHEDULER_PERIOD_MILLIS = 1_000;
  private static final long DEFAULT_REQUEST_TIMEOUT = 30_000;

  public static PushConfig fromJson(JsonObject options) {
    Number timeout = options.getNumber(ParseServerOptions.REQUEST_TIMEOUT);
    PushOptions push = PushOptions.from(options);
    return new PushConfig(push,
        options.getBoolean(ParseServerOptions.SCHEDULED_PUSH, false),
        timeout == null ? DEFAULT_REQUEST_TIMEOUT : timeout.longValue(),
        push.queue().batchSize(),
        DEFAULT_SCHEDULER_PERIOD_MILLIS, DEFAULT_SLICES,
        push.queue().leaseSeconds() * 1000L);
  }
}
