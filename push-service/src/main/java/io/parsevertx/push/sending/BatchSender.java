package io.parsevertx.push.sending;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.push.PushAdapter;
import io.parsevertx.push.PushResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one page of installations: badges saved first, alerts localized, the adapter called
 * per locale group, and device tokens the provider declares gone removed afterwards.
 */
final class BatchSender {
  private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);

  private final PushAdapter adapter;
  private final DataServiceClient data;

  BatchSender(PushAdapter adapter, DataServiceClient data) {
    this.adapter = adapter;
    this.data = data;
  }

  Future<List<PushResult>> send(JsonObject body, List<JsonObject> installations) {
    JsonObject pushData = body.getJsonObject("data");
    return BadgeUpdates.apply(data, pushData.getValue("badge"), installations).compose(v -> {
      List<Future<List<PushResult>>> sends = new ArrayList<>();
      for (Map.Entry<JsonObject, List<JsonObject>> group
          : PushLocales.group(pushData, installations).entrySet()) {
        sends.add(adapter.send(body.copy().put("data", group.getKey()), group.getValue()));
      }
      return Future.all(sends).map(all -> sends.stream().flatMap(f -> f.result().stream())
          .toList());
    }).compose(results -> forgetGoneTokens(results).map(results)).onSuccess(BatchSender::count);
  }

  /** {@code parse_push_sent_total}, by device type and outcome: the push throughput. */
  private static void count(List<PushResult> results) {
    for (PushResult result : results) {
      io.micrometer.core.instrument.Metrics.counter("parse.push.sent", "deviceType",
          String.valueOf(result.deviceType()), "outcome", result.transmitted() ? "sent"
              : "failed").increment();
    }
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
