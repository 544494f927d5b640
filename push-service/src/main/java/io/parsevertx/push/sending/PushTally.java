package io.parsevertx.push.sending;

import io.parsevertx.push.PushResult;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The running counts of one send, in {@code _PushStatus}'s fields. */
final class PushTally {
  private int sent;
  private int failed;
  private final Map<String, Integer> sentPerType = new TreeMap<>();
  private final Map<String, Integer> failedPerType = new TreeMap<>();

  /** The counts recorded in a {@code _PushWork} slice or a {@code _PushStatus}. */
  static PushTally of(JsonObject recorded) {
    PushTally tally = new PushTally();
    tally.merge(recorded);
    return tally;
  }

  void merge(JsonObject recorded) {
    sent += recorded.getInteger("numSent", 0);
    failed += recorded.getInteger("numFailed", 0);
    recorded.getJsonObject("sentPerType", new JsonObject()).forEach(e -> sentPerType.merge(
        e.getKey(), ((Number) e.getValue()).intValue(), Integer::sum));
    recorded.getJsonObject("failedPerType", new JsonObject()).forEach(e -> failedPerType.merge(
        e.getKey(), ((Number) e.getValue()).intValue(), Integer::sum));
  }

  void add(List<PushResult> results) {
    for (PushResult result : results) {
      String type = String.valueOf(result.deviceType());
      if (result.transmitted()) {
        sent++;
        sentPerType.merge(type, 1, Integer::sum);
      } else {
        failed++;
        failedPerType.merge(type, 1, Integer::sum);
      }
    }
  }

  /** A batch that could not be sent at all counts every installation as failed. */
  void addFailedBatch(List<JsonObject> installations) {
    add(installations.stream().map(i -> PushResult.failed(i.getString("objectId"),
        i.getString("deviceType"), "batch failed", false)).toList());
  }

  JsonObject toJson() {
    return PushStatusStore.counts(sent, failed, sentPerType, failedPerType);
  }
}
