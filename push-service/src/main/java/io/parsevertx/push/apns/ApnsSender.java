package io.parsevertx.push.apns;

import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import io.parsevertx.common.options.PushOptions.ApnsConfig;
import io.parsevertx.push.PushResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apple devices (ios, osx, tvos, watchos) through their configured APNs connections. As the
 * Parse guide describes, an installation goes through the connections of its platform whose
 * topic (bundleId) is its {@code appIdentifier}; when none matches, through all of them,
 * production first, until one accepts.
 */
public final class ApnsSender {
  private static final Logger LOG = LoggerFactory.getLogger(ApnsSender.class);
  /** APNs reasons meaning the token will never work again. */
  private static final Set<String> GONE = Set.of("Unregistered", "BadDeviceToken",
      "DeviceTokenNotForTopic");

  private final List<ApnsConnection> connections;

  private ApnsSender(List<ApnsConnection> connections) {
    this.connections = connections;
  }

  /** Opens every connection (credential files are read on a worker thread). */
  public static Future<ApnsSender> open(Vertx vertx, List<ApnsConfig> configs) {
    Context context = vertx.getOrCreateContext();
    return vertx.executeBlocking(() -> {
      List<ApnsConnection> opened = new ArrayList<>();
      for (ApnsConfig config : configs) {
        try {
          opened.add(ApnsConnection.open(config, context));
        } catch (Exception e) {
          throw new IllegalStateException("Invalid option --push: " + config.name()
              + " could not be loaded (" + e.getClass().getSimpleName() + ")", e);
        }
        LOG.info("event=apns_configured config={} topic={} production={}", config.name(),
            config.topic(), config.production());
      }
      return new ApnsSender(opened);
    });
  }

  /** The platforms with at least one connection. */
  public Set<String> platforms() {
    return connections.stream().map(c -> c.config().platform()).collect(Collectors.toSet());
  }

  /** One result per installation; never fails as a whole. */
  public Future<List<PushResult>> send(JsonObject body, List<JsonObject> installations) {
    JsonObject data = body.getJsonObject("data", new JsonObject());
    Number expiration = body.getNumber("expiration_time");
    Instant expiresAt = expiration == null ? null : Instant.ofEpochMilli(expiration.longValue());
    boolean lowPriority = data.getValue(ApnsPayload.PRIORITY) instanceof Number p
        && p.intValue() == 5;
    String pushType = data.getString(ApnsPayload.PUSH_TYPE);
    String collapseId = ApnsPayload.collapseId(data);
    List<Future<PushResult>> results = installations.stream().map(installation -> {
      JsonObject own = data.copy();
      if (installation.getValue("badge") instanceof Number badge && own.containsKey("badge")) {
        own.put("badge", badge);
      }
      return deliver(installation, connectionsFor(installation), 0, ApnsPayload.of(own),
          expiresAt, lowPriority, pushType, collapseId);
    }).toList();
    return Future.join(results).transform(done -> Future.succeededFuture(
        results.stream().map(Future::result).toList()));
  }

  private Future<PushResult> deliver(JsonObject installation, List<ApnsConnection> candidates,
      int index, String payload, Instant expiration, boolean lowPriority, String pushType,
      String collapseId) {
    String id = installation.getString("objectId");
    String type = installation.getString("deviceType");
    ApnsConnection connection = candidates.get(index);
    Future<PushNotificationResponse<SimpleApnsPushNotification>> sent = connection.send(
        installation.getString("deviceToken"), payload, expiration, lowPriority, pushType,
        collapseId);
    return sent.transform(outcome -> {
      PushResult result;
      if (outcome.succeeded() && outcome.result().isAccepted()) {
        return Future.succeededFuture(PushResult.sent(id, type));
      }
      if (outcome.succeeded()) {
        PushNotificationResponse<?> response = outcome.result();
        String reason = response.getRejectionReason().orElse("Rejected");
        result = PushResult.failed(id, type, reason, GONE.contains(reason)
            || response.getTokenInvalidationTimestamp().isPresent());
      } else {
        result = PushResult.failed(id, type, outcome.cause().getClass().getSimpleName(), false);
      }
      if (index + 1 < candidates.size()) {
        return deliver(installation, candidates, index + 1, payload, expiration, lowPriority,
            pushType, collapseId);
      }
      return Future.succeededFuture(result);
    });
  }

  private List<ApnsConnection> connectionsFor(JsonObject installation) {
    String platform = installation.getString("deviceType");
    String app = installation.getString("appIdentifier");
    List<ApnsConnection> ofPlatform = connections.stream()
        .filter(c -> c.config().platform().equals(platform)).toList();
    List<ApnsConnection> matching = ofPlatform.stream()
        .filter(c -> c.config().topic().equals(app)).toList();
    if (!matching.isEmpty()) {
      return matching;
    }
    return ofPlatform.stream().sorted(Comparator.comparing(
        (ApnsConnection c) -> !c.config().production())).toList();
  }

  public Future<Void> close() {
    return Future.join(connections.stream().map(ApnsConnection::close).toList()).mapEmpty();
  }
}
