package io.parsevertx.push;

import io.parsevertx.common.types.ParseDates;
import io.parsevertx.push.sending.PushRequest;
import io.parsevertx.push.sending.PushRunner;
import io.parsevertx.push.sending.PushStatusStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Lock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends scheduled pushes when their {@code push_time} comes. The schedule lives in
 * {@code _PushStatus} (status {@code scheduled}, the request kept whole), so it survives a
 * restart; a push is claimed under a cluster-wide lock and moved out of {@code scheduled}
 * before it is sent, so one instance sends it. One found due after its
 * {@code expiration_time} (every instance was down meanwhile) is recorded as failed, not sent.
 */
final class PushScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(PushScheduler.class);
  private static final int SCAN_LIMIT = 100;
  private static final String LOCK_PREFIX = "parse.push.claim.";

  private final Vertx vertx;
  private final PushStatusStore statuses;
  private final PushRunner runner;
  private boolean scanning;

  PushScheduler(Vertx vertx, PushStatusStore statuses, PushRunner runner) {
    this.vertx = vertx;
    this.statuses = statuses;
    this.runner = runner;
  }

  /** Looks for due pushes now; overlapping calls are skipped. */
  Future<Void> scan() {
    if (scanning) {
      return Future.succeededFuture();
    }
    scanning = true;
    return statuses.inStatus(PushStatusStore.SCHEDULED, SCAN_LIMIT)
        .compose(scheduled -> claimDue(scheduled))
        .onFailure(e -> LOG.warn("event=push_schedule_scan_failed error={}",
            e.getClass().getSimpleName()))
        .eventually(() -> {
          scanning = false;
          return Future.succeededFuture();
        });
  }

  private Future<Void> claimDue(List<JsonObject> scheduled) {
    Instant now = Instant.now();
    List<Future<Void>> claims = scheduled.stream()
        .filter(s -> !ParseDates.parse(pushTime(s)).isAfter(now))
        .map(s -> claim(s.getString("objectId"))).toList();
    return Future.join(claims).mapEmpty();
  }

  private Future<Void> claim(String statusId) {
    return vertx.sharedData().getLockWithTimeout(LOCK_PREFIX + statusId, 1)
        .compose(lock -> statuses.get(statusId).compose(status -> {
          if (!PushStatusStore.SCHEDULED.equals(status.getString("status"))) {
            return Future.<PushRequest>succeededFuture(null);
          }
          PushRequest push = PushRequest.parse(new JsonObject(status.getString(
              "scheduledBody")));
          if (push.expirationTime() != null
              && push.expirationTime() < System.currentTimeMillis()) {
            // note: due while no instance ran, and already past its expiration_time
            LOG.info("event=push_expired pushStatusId={}", statusId);
            return statuses.update(statusId, new JsonObject().put("status",
                PushStatusStore.FAILED).put("errorMessage",
                "The push expired before its push_time came round.")).map((PushRequest) null);
          }
          return statuses.update(statusId, new JsonObject().put("status",
              PushStatusStore.PENDING)).map(push);
        }).eventually(() -> {
          lock.release();
          return Future.succeededFuture();
        }))
        .compose(push -> {
          if (push != null) {
            LOG.info("event=push_schedule_due pushStatusId={}", statusId);
            runner.run(statusId, push);
          }
          return Future.<Void>succeededFuture();
        })
        .recover(e -> Future.succeededFuture()); // note: another instance holds the claim
  }

  private static String pushTime(JsonObject status) {
    Object value = status.getValue("pushTime");
    return value instanceof JsonObject date ? date.getString("iso") : String.valueOf(value);
  }
}
