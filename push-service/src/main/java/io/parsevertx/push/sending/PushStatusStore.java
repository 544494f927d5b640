package io.parsevertx.push.sending;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.types.ParseDates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code _PushStatus}, written through data-service with the master key, in Parse Server's
 * fields: {@code status} pending → scheduled → running → succeeded | failed, {@code count},
 * {@code numSent}, {@code numFailed}, {@code sentPerType}, {@code failedPerType}.
 */
public final class PushStatusStore {
  public static final String PENDING = "pending";
  public static final String SCHEDULED = "scheduled";
  public static final String RUNNING = "running";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  private final DataServiceClient data;

  public PushStatusStore(DataServiceClient data) {
    this.data = data;
  }

  /** @return the new status's objectId */
  public Future<String> create(PushRequest push, JsonObject rawBody, Instant now) {
    JsonObject status = new JsonObject()
        .put("pushTime", ParseDates.format(push.pushTime() == null ? now : push.pushTime()))
        .put("source", "rest")
        .put("query", push.where().encode())
        .put("payload", push.data().encode())
        .put("status", PENDING)
        .put("numSent", 0)
        .put("pushHash", pushHash(push.data()))
        .put("ACL", new JsonObject());
    if (push.data().getValue("title") instanceof String title) {
      status.put("title", title);
    }
    if (push.expirationTime() != null) {
      status.put("expiry", push.expirationTime());
    }
    if (push.expirationInterval() != null) {
      status.put("expiration_interval", push.expirationInterval());
    }
    if (push.pushTime() != null) {
      // note: kept whole so a scheduled push is rebuilt exactly after a restart
      status.put("scheduledBody", rawBody.encode());
    }
    return data.create(request(null, status)).map(created -> created.getString("objectId"));
  }

  public Future<Void> update(String objectId, JsonObject changes) {
    return data.update(request(objectId, changes)).mapEmpty();
  }

  /**
   * As Parse Server, when a push names a saved audience ({@code audience_id}): the audience's
   * {@code lastUsed} becomes now and its {@code timesUsed} goes up by one.
   */
  public Future<Void> audienceUsed(String audienceId, Instant now) {
    return data.update(new ServiceRequest(null, AuthContext.masterKey(), ClassNames.AUDIENCE,
        audienceId, null, new JsonObject().put("lastUsed", ParseDates.toJson(now))
            .put("timesUsed", new JsonObject().put("__op", "Increment").put("amount", 1))))
        .mapEmpty();
  }

  /** Statuses of pushes in {@code status}, oldest first. */
  public Future<List<JsonObject>> inStatus(String status, int limit) {
    JsonObject params = new JsonObject().put("where", new JsonObject().put("status", status))
        .put("limit", limit).put("order", "createdAt");
    return data.find(new ServiceRequest(null, AuthContext.masterKey(), ClassNames.PUSH_STATUS,
        null, params, null)).map(found -> found.getJsonArray("results", new JsonArray())
        .stream().map(JsonObject.class::cast).toList());
  }

  public Future<JsonObject> get(String objectId) {
    return data.getUntriggered(request(objectId, null));
  }

  /** The final counts of a run. */
  public static JsonObject counts(int sent, int failed, Map<String, Integer> sentPerType,
      Map<String, Integer> failedPerType) {
    return new JsonObject().put("numSent", sent).put("numFailed", failed)
        .put("sentPerType", new JsonObject(Map.copyOf(sentPerType)))
        .put("failedPerType", new JsonObject(Map.copyOf(failedPerType)));
  }

  private static ServiceRequest request(String objectId, JsonObject body) {
    return new ServiceRequest(null, AuthContext.masterKey(), ClassNames.PUSH_STATUS, objectId,
        null, body);
  }

  /** As Parse Server: the MD5 of the alert, so identical pushes can be grouped. */
  private static String pushHash(JsonObject data) {
    Object alert = data.getValue("alert");
    String text = alert == null ? "" : alert instanceof JsonObject dict ? dict.encode()
        : alert.toString();
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
