package io.parsevertx.gateway.http;

import io.parsevertx.common.bus.AuthServiceClient;
import io.parsevertx.common.bus.EventBusAddresses;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.types.ParseDates;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session token → user id, asked of auth-service once and cached for {@code cacheTTL}
 * milliseconds (never past the session's own expiry). Logouts, revoked sessions, password
 * changes and deleted users arrive as events on the bus and drop entries at once.
 */
final class SessionResolver {
  /** Past this many entries the cache starts over rather than grow without bound. */
  private static final int MAX_ENTRIES = 50_000;

  private record Entry(String userId, long validUntilMillis) {}

  private final AuthServiceClient auth;
  private final long ttlMillis;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  SessionResolver(AuthServiceClient auth, long ttlMillis) {
    this.auth = auth;
    this.ttlMillis = ttlMillis;
  }

  /** @return the user behind {@code token}; fails with 209 for an unknown or expired token */
  Future<String> userIdFor(String token, String requestId) {
    Entry cached = cache.get(token);
    long now = System.currentTimeMillis();
    if (cached != null && cached.validUntilMillis() > now) {
      return Future.succeededFuture(cached.userId());
    }
    return auth.resolveSession(new ServiceRequest(requestId, null, null, null, null,
        new JsonObject().put("sessionToken", token))).map(session -> {
          String expiresAt = session.getString("expiresAt");
          long expires = expiresAt == null ? Long.MAX_VALUE
              : ParseDates.parse(expiresAt).toEpochMilli();
          if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
          }
          String userId = session.getString("userId");
          cache.put(token, new Entry(userId, Math.min(now + ttlMillis, expires)));
          return userId;
        });
  }

  MessageConsumer<JsonObject> listen(EventBus bus) {
    return bus.consumer(EventBusAddresses.SESSIONS_INVALIDATED, message -> {
      JsonObject event = message.body();
      String token = event.getString("sessionToken");
      String userId = event.getString("userId");
      if (token != null) {
        cache.remove(token);
      }
      if (userId != null) {
        cache.values().removeIf(entry -> userId.equals(entry.userId()));
      }
    });
  }
}
