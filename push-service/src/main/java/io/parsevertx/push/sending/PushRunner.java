package io.parsevertx.push.sending;

import io.parsevertx.common.bus.EventBusAddresses;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one push: counts the installations it reaches, marks its status running (with
 * {@code count} and the expiry it gets from now), and cuts it into {@code _PushWork} slices
 * that the {@link PushWorker}s of every push-service instance then lease and send.
 */
public final class PushRunner {
  private static final Logger LOG = LoggerFactory.getLogger(PushRunner.class);

  private final InstallationPages pages;
  private final PushStatusStore statuses;
  private final PushWorkStore work;
  private final EventBus bus;
  private final int slices;

  public PushRunner(InstallationPages pages, PushStatusStore statuses, PushWorkStore work,
      EventBus bus, int slices) {
    this.pages = pages;
    this.statuses = statuses;
    this.work = work;
    this.bus = bus;
    this.slices = slices;
  }

  /** @return completes once the slices exist (a failure is recorded in the status too) */
  public Future<Void> run(String statusId, PushRequest push) {
    Long expiresAt = push.expiresAt(Instant.now());
    return pages.count(push.where())
        .compose(count -> {
          JsonObject running = new JsonObject().put("status", PushStatusStore.RUNNING)
              .put("count", count).put("numSent", 0).put("numFailed", 0);
          if (expiresAt != null) {
            running.put("expiry", expiresAt);
          }
          return statuses.update(statusId, running);
        })
        .compose(v -> work.createSlices(statusId, slices))
        .onSuccess(v -> bus.publish(EventBusAddresses.PUSH_WORK, new JsonObject()))
        .recover(e -> {
          LOG.warn("event=push_failed pushStatusId={} error={}", statusId,
              e.getClass().getSimpleName());
          return statuses.update(statusId, new JsonObject().put("status",
              PushStatusStore.FAILED).put("errorMessage", String.valueOf(e.getMessage())));
        });
  }
}
