package io.parsevertx.push.sending;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.push.PushAdapter;
import io.parsevertx.push.PushResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one push: marks its status running with the {@code count} it reaches, streams the
 * installations page by page (badges incremented and saved, alerts localized), hands each page
 * to the adapter, removes device tokens the provider declares gone, and records the outcome.
 */
public final class PushRunner {
  private static final Logger LOG = LoggerFactory.getLogger(PushRunner.class);

  private final PushAdapter adapter;
  private final InstallationPages pages;
  private final PushStatusStore statuses;
  private final DataServiceClient data;
  private final int batchSize;

  public PushRunner(PushAdapter adapter, PushStatusStore statuses, DataServiceClient data,
      int batchSize) {
    this.adapter = adapter;
    this.pages = new InstallationPages(data, adapter.deviceTypes());
    this.statuses = statuses;
    this.data = data;
    this.batchSize = batchSize;
  }

  /** @return completes when the status is final (a failure is recorded, not returned) */
  public Future<Void> run(String statusId, PushRequest push) {
    Instant start = Instant.now();
    JsonObject body = new JsonObject().put("data", push.data()).put("push_id", statusId);
    Long expiresAt = push.expiresAt(start);
    if (expiresAt != null) {
      body.put("expiration_time", expiresAt);
    }
    PushTally tally = new PushTally();
    return pages.count(push.where())
        .compose(count -> statuses.update(statusId, new JsonObject()
            .put("status", PushStatusStore.RUNNING).put("count", count)))
        .compose(v -> sendFrom(null, statusId, push, body, tally))
        .compose(v -> statuses.update(statusId, tally.toJson()
            .put("status", PushStatusStore.SUCCEEDED)))
        .onSuccess(v -> LOG.info("event=push_finished pushStatusId={} {}", statusId,
            tally.toJson().encode()))
        .recover(e -> {
          LOG.warn("event=push_failed pushStatusId={} error={}", statusId,
              e.getClass().getSimpleName());
          return statuses.update(statusId, tally.toJson().put("status", PushStatusStore.FAILED)
              .put("errorMessage", String.valueOf(e.getMessage())));
        });
  }

  private Future<Void> sendFrom(String after, String statusId, PushRequest push,
      JsonObject body, PushTally tally) {
    return pages.page(push.where(), after, batchSize).compose(page -> {
      if (page.isEmpty()) {
        return Future.succeededFuture();
      }
      String last = page.get(page.size() - 1).getString("objectId");
      return sendBatch(body, page)
          .onSuccess(tally::add)
          .recover(e -> {
            LOG.warn("event=push_batch_failed pushStatusId={} size={} error={}", statusId,
                page.size(), e.getClass().getSimpleName());
            tally.addFailedBatch(page);
            return Future.succeededFuture();
          })
          .compose(v -> statuses.update(statusId, tally.toJson()))
          .compose(v -> page.size() < batchSize ? Future.succeededFuture()
              : sendFrom(last, statusId, push, body, tally));
    });
  }

  /** One page: badges, locales, the adapter, then gone tokens removed. */
  Future<List<PushResult>> sendBatch(JsonObject body, List<JsonObject> installations) {
    JsonObject pushData = body.getJsonObject("data");
    return BadgeUpdates.apply(data, pushData.getValue("badge"), installations).compose(v -> {
      List<Future<List<PushResult>>> sends = new ArrayList<>();
      for (Map.Entry<JsonObject, List<JsonObject>> group
          : PushLocales.group(pushData, installations).entrySet()) {
        sends.add(adapter.send(body.copy().put("data", group.getKey()), group.getValue()));
      }
      return Future.all(sends).map(all -> sends.stream().flatMap(f -> f.result().stream())
          .toList());
    }).compose(results -> forgetGoneTokens(results).map(results));
  }

  private Future<Void> forgetGoneTokens(List<PushResult> results) {
    List<Future<JsonObject>> removals = results.stream().filter(PushResult::tokenGone)
        .map(r -> data.update(new ServiceRequest(null, AuthContext.masterKey(),
            ClassNames.INSTALLATION, r.installationId(), null, new JsonObject()
                .put("deviceToken", new JsonObject().put("__op", "Delete")))))
        .toList();
    if (!removals.isEmpty()) {
      LOG.info("event=push_tokens_removed count={}", removals.size());
    }
    return Future.join(removals).mapEmpty();
  }
}
