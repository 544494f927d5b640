package io.parsevertx.push.sending;

import io.parsevertx.push.PushResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases {@code _PushWork} slices and sends them page by page. After each page the slice's
 * cursor, counts and lease are saved (and the push's {@code _PushStatus} totals refreshed), so
 * a page is sent at least once: if this instance dies, its lease runs out and another instance
 * resumes the slice from the last saved cursor. A lease is taken under a cluster-wide lock, so
 * two instances never take the same slice; a worker that finds its lease taken over stops.
 *
 * <p>On shutdown the worker {@linkplain #drain() drains}: it takes no new slices, lets each
 * page in flight finish and be recorded, then hands its slices back (lease cleared), so another
 * instance resumes them at once instead of after the lease runs out. A push whose
 * {@code expiry} passes before every page went out stops there and is recorded as failed.
 */
public final class PushWorker {
  private static final Logger LOG = LoggerFactory.getLogger(PushWorker.class);
  private static final String LOCK_PREFIX = "parse.push.slice.";
  /** Slices one instance sends at once; the rest are left to other instances. */
  private static final int MAX_ACTIVE = 2;
  private static final int CANDIDATES = 20;

  private final Vertx vertx;
  private final PushWorkStore work;
  private final PushStatusStore statuses;
  private final InstallationPages pages;
  private final BatchSender sender;
  private final int batchSize;
  private final long leaseMillis;
  private final String owner = UUID.randomUUID().toString();
  private boolean scanning;
  private int active;
  private boolean stopping;
  private io.vertx.core.Promise<Void> drained;

  public PushWorker(Vertx vertx, PushWorkStore work, PushStatusStore statuses,
      InstallationPages pages, BatchSender sender, int batchSize, long leaseMillis) {
    this.vertx = vertx;
    this.work = work;
    this.statuses = statuses;
    this.pages = pages;
    this.sender = sender;
    this.batchSize = batchSize;
    this.leaseMillis = leaseMillis;
  }

  public static BatchSender sender(io.parsevertx.push.PushAdapter adapter,
      io.parsevertx.common.bus.DataServiceClient data) {
    return new BatchSender(adapter, data);
  }

  /**
   * Takes free slices while this instance sends fewer than {@value #MAX_ACTIVE}, and sends them
   * in the background; overlapping calls are skipped.
   */
  public Future<Void> scan() {
    if (stopping || scanning || active >= MAX_ACTIVE) {
      return Future.succeededFuture();
    }
    scanning = true;
    return work.claimable(System.currentTimeMillis(), CANDIDATES)
        .compose(free -> {
          // note: shuffled, so instances scanning together go for different slices
          List<JsonObject> shuffled = new java.util.ArrayList<>(free);
          java.util.Collections.shuffle(shuffled);
          return claimSome(shuffled, 0);
        })
        .onFailure(e -> LOG.warn("event=push_work_scan_failed error={}",
            e.getClass().getSimpleName()))
        .eventually(() -> {
          scanning = false;
          completeDrainIfIdle();
          return Future.succeededFuture();
        });
  }

  /**
   * Stops taking slices; completes once every page in flight is sent and recorded and this
   * instance's slices are handed back.
   */
  public Future<Void> drain() {
    stopping = true;
    drained = io.vertx.core.Promise.promise();
    completeDrainIfIdle();
    return drained.future();
  }

  private void completeDrainIfIdle() {
    if (stopping && !scanning && active == 0) {
      drained.tryComplete();
    }
  }

  private Future<Void> claimSome(List<JsonObject> candidates, int index) {
    if (index >= candidates.size() || active >= MAX_ACTIVE) {
      return Future.succeededFuture();
    }
    return claim(candidates.get(index)).compose(v -> claimSome(candidates, index + 1));
  }

  /** Leases the slice and, when that worked, starts sending it. */
  private Future<Void> claim(JsonObject candidate) {
    return lease(candidate).onSuccess(slice -> {
      if (slice != null) {
        active++;
        send(slice)
            .onFailure(e -> LOG.warn("event=push_slice_interrupted pushStatusId={} error={}",
                slice.getString("pushStatusId"), e.getClass().getSimpleName()))
            .onComplete(done -> {
              active--;
              completeDrainIfIdle();
              scan();
            });
      }
    }).<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  /** @return the slice now leased to this instance, or null when it is not free */
  private Future<JsonObject> lease(JsonObject candidate) {
    String sliceId = candidate.getString("objectId");
    return vertx.sharedData().getLockWithTimeout(LOCK_PREFIX + sliceId, 1)
        .compose(lock -> work.get(sliceId).compose(slice -> {
          long now = System.currentTimeMillis();
          if (stopping || slice.getBoolean("done", false) || slice.getLong("leaseUntil", 0L) >= now) {
            return Future.<JsonObject>succeededFuture(null);
          }
          String previous = slice.getString("owner");
          return work.update(sliceId, new JsonObject().put("owner", owner)
              .put("leaseUntil", now + leaseMillis)).map(v -> {
                if (previous != null) {
                  LOG.info("event=push_slice_resumed pushStatusId={} slice={}",
                      slice.getString("pushStatusId"), slice.getInteger("slice"));
                }
                return slice;
              });
        }).eventually(() -> {
          lock.release();
          return Future.succeededFuture();
        }));
  }

  private Future<Void> send(JsonObject slice) {
    String statusId = slice.getString("pushStatusId");
    return statuses.get(statusId).compose(status -> {
      JsonObject body = new JsonObject().put("data", new JsonObject(status.getString("payload")))
          .put("push_id", statusId);
      Long expiry = null;
      if (status.getValue("expiry") instanceof Number value) {
        expiry = value.longValue();
        body.put("expiration_time", expiry);
      }
      JsonObject where = new JsonObject(status.getString("query"));
      return sendFrom(slice, where, body, expiry, slice.getString("cursor"),
          PushTally.of(slice));
    });
  }

  private Future<Void> sendFrom(JsonObject slice, JsonObject where, JsonObject body,
      Long expiry, String cursor, PushTally tally) {
    String sliceId = slice.getString("objectId");
    String statusId = slice.getString("pushStatusId");
    if (stopping) {
      LOG.info("event=push_slice_handed_back pushStatusId={} slice={}", statusId,
          slice.getInteger("slice"));
      return work.update(sliceId, new JsonObject().put("leaseUntil", 0L));
    }
    if (expiry != null && expiry < System.currentTimeMillis()) {
      LOG.info("event=push_expired pushStatusId={} slice={}", statusId,
          slice.getInteger("slice"));
      return work.update(sliceId, tally.toJson().put("done", true).put("expired", true))
          .compose(v -> finishIfDone(statusId));
    }
    return pages.page(where, PushWorkStore.range(slice), cursor, batchSize).compose(page -> {
      if (page.isEmpty()) {
        return work.update(sliceId, tally.toJson().put("done", true))
            .compose(v -> finishIfDone(statusId));
      }
      String last = page.get(page.size() - 1).getString("objectId");
      return sender.send(body, page)
          .recover(e -> {
            LOG.warn("event=push_batch_failed pushStatusId={} size={} error={}", statusId,
                page.size(), e.getClass().getSimpleName());
            return Future.succeededFuture(failedBatch(page));
          })
          .compose(results -> work.get(sliceId).compose(now -> {
            if (!owner.equals(now.getString("owner"))) {
              LOG.info("event=push_slice_lost pushStatusId={} slice={}", statusId,
                  slice.getInteger("slice"));
              return Future.<Boolean>succeededFuture(false);
            }
            tally.add(results);
            return work.update(sliceId, tally.toJson().put("cursor", last)
                .put("leaseUntil", System.currentTimeMillis() + leaseMillis))
                .compose(v -> refreshTotals(statusId, false)).map(true);
          }))
          .compose(mine -> mine ? sendFrom(slice, where, body, expiry, last, tally)
              : Future.succeededFuture());
    });
  }

  private static List<PushResult> failedBatch(List<JsonObject> page) {
    return page.stream().map(i -> PushResult.failed(i.getString("objectId"),
        i.getString("deviceType"), "batch failed", false)).toList();
  }

  /** Marks the push succeeded (failed if it expired midway) once every slice is done. */
  private Future<Void> finishIfDone(String statusId) {
    return work.slicesOf(statusId).compose(slices -> {
      boolean done = slices.stream().allMatch(s -> s.getBoolean("done", false));
      return refreshTotals(statusId, done);
    });
  }

  /** The status's counts as the sum of its slices' (the final state when {@code done}). */
  private Future<Void> refreshTotals(String statusId, boolean done) {
    return work.slicesOf(statusId).compose(slices -> {
      PushTally total = new PushTally();
      slices.forEach(total::merge);
      JsonObject totals = total.toJson();
      if (done && slices.stream().anyMatch(s -> s.getBoolean("expired", false))) {
        totals.put("status", PushStatusStore.FAILED)
            .put("errorMessage", "The push expired before it reached every installation.");
        LOG.info("event=push_finished pushStatusId={} {}", statusId, totals.encode());
      } else if (done) {
        totals.put("status", PushStatusStore.SUCCEEDED);
        LOG.info("event=push_finished pushStatusId={} {}", statusId, totals.encode());
      }
      return statuses.update(statusId, totals);
    });
  }
}
