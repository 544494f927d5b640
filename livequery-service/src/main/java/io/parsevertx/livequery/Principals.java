package io.parsevertx.livequery;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.AuthServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.security.AccessPolicy;
import io.parsevertx.storage.security.PrincipalResolver;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a session token stands for - the user and its roles - as the REST path decides it:
 * auth-service resolves the token (cached here until auth-service announces the session's end),
 * the role graph comes from {@code _Role} (cached by {@link PrincipalResolver}, which hears of
 * role changes).
 */
final class Principals {
  private final AuthServiceClient auth;
  private final PrincipalResolver roles;
  private final Map<String, Cached> userIds = new ConcurrentHashMap<>();
  private final long cacheMillis;

  private record Cached(Future<String> userId, long until) {}

  /** @param cacheMillis how long a token's user is kept ({@code cacheTimeout}) */
  Principals(AuthServiceClient auth, PrincipalResolver roles, long cacheMillis) {
    this.auth = auth;
    this.roles = roles;
    this.cacheMillis = cacheMillis;
  }

  /**
   * @return the caller's policy: master, a user's, or the public's when there is no token;
   *     fails with 209 for a token that is not (or no longer) valid
   */
  Future<AccessPolicy> of(String sessionToken, boolean master) {
    if (master) {
      return Future.succeededFuture(AccessPolicy.MASTER);
    }
    if (sessionToken == null) {
      return roles.resolve(AuthContext.anonymous());
    }
    return userId(sessionToken).compose(userId -> roles.resolve(new AuthContext(false, false,
        sessionToken, userId, null, null, null)));
  }

  /** @return the session's user; fails with 209 for a token that is not (or no longer) valid */
  Future<String> userId(String sessionToken) {
    long now = System.currentTimeMillis();
    return userIds.compute(sessionToken, (token, old) -> old != null && old.until() > now
        ? old : new Cached(auth.resolveSession(new ServiceRequest(null, AuthContext.masterKey(),
            null, null, null, new JsonObject().put("sessionToken", token)))
            .map(session -> session.getString("userId"))
            .onFailure(e -> userIds.remove(token)), now + cacheMillis)).userId();
  }

  /** A session ended, or all of a user's sessions did: forget them. */
  void invalidate(String sessionToken, String userId) {
    if (sessionToken != null) {
      userIds.remove(sessionToken);
    }
    if (userId != null) {
      userIds.entrySet().removeIf(e -> e.getValue().userId().succeeded()
          && userId.equals(e.getValue().userId().result()));
    }
  }
}
