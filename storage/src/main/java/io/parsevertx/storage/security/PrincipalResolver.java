package io.parsevertx.storage.security;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.EventBusAddresses;
import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.security.AccessPolicy;
import io.parsevertx.storage.StorageAdapter;
import io.parsevertx.storage.schema.SchemaController;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an auth context into an {@link AccessPolicy}: {@code *}, the user id, and
 * {@code role:Name} for every role the user is in - directly through a role's {@code users}
 * relation, or through the {@code roles} relation of a role above, at any depth (cycles end).
 */
public final class PrincipalResolver {
  private static final String ROLE_PREFIX = "role:";
  private static final String USERS = "users";
  private static final String ROLES = "roles";
  private static final String NAME = "name";
  private static final int MAX_ROLE_DEPTH = 50;

  /** How long a user's roles are reused when no change is announced. */
  public static final long CACHE_MILLIS = 5_000;
  private static final int MAX_ENTRIES = 50_000;

  private record Cached(List<String> roles, long validUntilMillis) {}

  private final StorageAdapter storage;
  private final SchemaController schemas;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public PrincipalResolver(StorageAdapter storage, SchemaController schemas) {
    this.storage = storage;
    this.schemas = schemas;
  }

  /** Forgets every cached role set when a role changes anywhere. */
  public MessageConsumer<JsonObject> listen(EventBus bus) {
    return bus.consumer(EventBusAddresses.ROLES_CHANGED, message -> cache.clear());
  }

  public Future<AccessPolicy> resolve(AuthContext auth) {
    if (auth.master() || auth.readOnlyMaster()) {
      return Future.succeededFuture(AccessPolicy.MASTER);
    }
    if (auth.userId() == null) {
      return Future.succeededFuture(new AccessPolicy(false, null, List.of("*")));
    }
    return cachedRoleNames(auth.userId()).map(roles -> {
      List<String> principals = new ArrayList<>(List.of("*", auth.userId()));
      roles.forEach(name -> principals.add(ROLE_PREFIX + name));
      return new AccessPolicy(false, auth.userId(), principals);
    });
  }

  private Future<List<String>> cachedRoleNames(String userId) {
    long now = System.currentTimeMillis();
    Cached cached = cache.get(userId);
    if (cached != null && cached.validUntilMillis() > now) {
      return Future.succeededFuture(cached.roles());
    }
    return roleNames(userId).onSuccess(roles -> {
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      cache.put(userId, new Cached(roles, now + CACHE_MILLIS));
    });
  }

  private Future<List<String>> roleNames(String userId) {
    return schemas.find(ClassNames.ROLE).compose(roleSchema -> {
      if (roleSchema == null) {
        return Future.succeededFuture(List.of());
      }
      return storage.owningIds(USERS, ClassNames.ROLE, List.of(userId))
          .compose(direct -> climb(new LinkedHashSet<>(direct), List.copyOf(direct), 0))
          .compose(ids -> ids.isEmpty() ? Future.succeededFuture(List.of())
              : storage.find(roleSchema, new QueryNode.Constraint(ParseFields.OBJECT_ID,
                  QueryOp.IN, new JsonArray(new ArrayList<>(ids))),
                  new FindOptions(List.of(), Integer.MAX_VALUE, 0, List.of(NAME), false))
                  .map(roles -> roles.stream().map(r -> r.getString(NAME)).toList()));
    });
  }

  /** Adds the roles whose {@code roles} relation holds any of {@code frontier}, until none. */
  private Future<Set<String>> climb(Set<String> found, List<String> frontier, int depth) {
    if (frontier.isEmpty() || depth >= MAX_ROLE_DEPTH) {
      return Future.succeededFuture(found);
    }
    return storage.owningIds(ROLES, ClassNames.ROLE, frontier).compose(parents -> {
      List<String> fresh = parents.stream().filter(found::add).toList();
      return climb(found, fresh, depth + 1);
    });
  }
}
