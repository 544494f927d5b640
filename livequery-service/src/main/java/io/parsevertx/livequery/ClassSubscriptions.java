package io.parsevertx.livequery;

import io.parsevertx.common.livequery.ObjectChange;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscriptions of one class, indexed by an equality constraint where they have one
 * ({@code {"room": "lobby"}}): a change is matched only against the subscriptions whose
 * indexed value it has (before or after), plus those without one. With many rooms, an event
 * costs a few matches instead of one per subscription.
 */
final class ClassSubscriptions {
  private final Set<Subscription> unindexed = ConcurrentHashMap.newKeySet();
  private final Map<String, Map<Object, Set<Subscription>>> byEquality =
      new ConcurrentHashMap<>();

  /** The field and value a subscription is filed under, or null to keep it unindexed. */
  record Key(String field, Object value) {}

  static Key keyOf(QueryNode where) {
    if (where instanceof QueryNode.Constraint c && c.op() == QueryOp.EQ
        && c.field().indexOf('.') < 0 && scalar(c.value())) {
      return new Key(c.field(), normalized(c.value()));
    }
    if (where instanceof QueryNode.And and) {
      for (QueryNode child : and.children()) {
        Key key = keyOf(child);
        if (key != null) {
          return key;
        }
      }
    }
    return null;
  }

  private static boolean scalar(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }

  /** 5 and 5.0 are one value, as the matcher compares them. */
  private static Object normalized(Object value) {
    return value instanceof Number n ? (Object) n.doubleValue() : value;
  }

  void add(Subscription subscription) {
    Key key = keyOf(subscription.where());
    if (key == null) {
      unindexed.add(subscription);
      return;
    }
    byEquality.computeIfAbsent(key.field(), f -> new ConcurrentHashMap<>())
        .computeIfAbsent(key.value(), v -> ConcurrentHashMap.newKeySet()).add(subscription);
  }

  void remove(Subscription subscription) {
    Key key = keyOf(subscription.where());
    if (key == null) {
      unindexed.remove(subscription);
      return;
    }
    Map<Object, Set<Subscription>> byValue = byEquality.get(key.field());
    if (byValue != null) {
      Set<Subscription> subscriptions = byValue.get(key.value());
      if (subscriptions != null) {
        subscriptions.remove(subscription);
        if (subscriptions.isEmpty()) {
          byValue.remove(key.value());
        }
      }
    }
  }

  /** The subscriptions that could match the change before or after; the others cannot. */
  Set<Subscription> candidates(ObjectChange change) {
    Set<Subscription> candidates = new LinkedHashSet<>(unindexed);
    byEquality.forEach((field, byValue) -> {
      collect(byValue, change.object(), field, candidates);
      collect(byValue, change.original(), field, candidates);
    });
    return candidates;
  }

  private static void collect(Map<Object, Set<Subscription>> byValue, JsonObject object,
      String field, Set<Subscription> out) {
    if (object == null) {
      return;
    }
    Object value = object.getValue(field);
    if (value instanceof JsonArray array) {
      // note: equality with an array field means "contains"
      array.forEach(item -> addAll(byValue, item, out));
    } else {
      addAll(byValue, value, out);
    }
  }

  private static void addAll(Map<Object, Set<Subscription>> byValue, Object value,
      Set<Subscription> out) {
    if (scalar(value)) {
      Set<Subscription> found = byValue.get(normalized(value));
      if (found != null) {
        out.addAll(found);
      }
    }
  }

  int size() {
    int count = unindexed.size();
    for (Map<Object, Set<Subscription>> byValue : byEquality.values()) {
      for (Set<Subscription> subscriptions : byValue.values()) {
        count += subscriptions.size();
      }
    }
    return count;
  }
}
