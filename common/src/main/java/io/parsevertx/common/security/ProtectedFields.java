package io.parsevertx.common.security;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.SortKey;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.ClassSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Protected fields: hidden from callers an entry of {@code protectedFields} names ({@code *},
 * {@code role:}, a user id), the intersection when several match, so a more specific entry can
 * reveal what {@code *} hides. The master key sees everything and a user always sees its own
 * {@code _User} object. A protected field can't be probed through {@code where} or
 * {@code order} either.
 */
public final class ProtectedFields {
  private static final String KEY = "protectedFields";
  private static final String USER_FIELD = "userField:";

  private ProtectedFields() {}

  /**
   * What one caller may not see on objects of a class: the fields of the entries that name the
   * caller ({@code *}, its user id, its roles), intersected, then per object intersected with
   * each {@code userField:<pointer>} entry whose pointer names the caller.
   */
  public record Hidden(Set<String> byPrincipal, Map<String, Set<String>> byUserField,
      String userId) {
    public static final Hidden NOTHING = new Hidden(Set.of(), Map.of(), null);

    /** The fields to remove from {@code object}. */
    public Set<String> forObject(JsonObject object) {
      Set<String> hidden = byPrincipal == null ? null : new HashSet<>(byPrincipal);
      for (Map.Entry<String, Set<String>> rule : byUserField.entrySet()) {
        if (userId != null && pointsAt(object.getValue(rule.getKey()), userId)) {
          if (hidden == null) {
            hidden = new HashSet<>(rule.getValue());
          } else {
            hidden.retainAll(rule.getValue());
          }
        }
      }
      return hidden == null ? Set.of() : hidden;
    }

    /** Fields hidden whatever the object, which a query may not probe. */
    Set<String> always() {
      return byPrincipal == null ? Set.of() : byPrincipal;
    }
  }

  /**
   * @param serverDefaults the {@code protectedFields} option, by class name; the class's own
   *     CLP entries take precedence
   */
  public static Hidden forCaller(ClassSchema schema, AccessPolicy policy,
      JsonObject serverDefaults) {
    if (policy.master()) {
      return Hidden.NOTHING;
    }
    JsonObject rules = serverDefaults.getJsonObject(schema.className(), new JsonObject()).copy();
    if (schema.classLevelPermissions().getValue(KEY) instanceof JsonObject own) {
      own.forEach(e -> {
        if (!(e.getValue() instanceof JsonArray list) || !list.isEmpty()
            || !"*".equals(e.getKey())) {
          rules.put(e.getKey(), e.getValue());
        }
      });
    }
    Set<String> byPrincipal = null;
    Map<String, Set<String>> byUserField = new HashMap<>();
    for (Map.Entry<String, Object> rule : rules) {
      if (!(rule.getValue() instanceof JsonArray fields)) {
        continue;
      }
      Set<String> set = new HashSet<>();
      fields.forEach(f -> set.add(String.valueOf(f)));
      if (rule.getKey().startsWith(USER_FIELD)) {
        byUserField.put(rule.getKey().substring(USER_FIELD.length()), set);
      } else if (policy.principals().contains(rule.getKey())) {
        if (byPrincipal == null) {
          byPrincipal = set;
        } else {
          byPrincipal.retainAll(set);
        }
      }
    }
    return new Hidden(byPrincipal, byUserField, policy.userId());
  }

  /** Removes the hidden fields from an object, unless it is the caller's own user. */
  public static void strip(ClassSchema schema, JsonObject object, Hidden hidden,
      AccessPolicy policy) {
    if (ClassNames.USER.equals(schema.className())
        && object.getString(ParseFields.OBJECT_ID, "").equals(policy.userId())) {
      return;
    }
    hidden.forObject(object).forEach(object::remove);
  }

  private static boolean pointsAt(Object value, String userId) {
    if (value instanceof JsonArray array) {
      return array.stream().anyMatch(item -> pointsAt(item, userId));
    }
    return value instanceof JsonObject pointer
        && userId.equals(pointer.getValue(ParseFields.OBJECT_ID))
        && ClassNames.USER.equals(pointer.getValue(ParseFields.CLASS_NAME));
  }

  /** @throws ParseException 119 when {@code where} or {@code order} touches a hidden field */
  public static void refuseProbing(ClassSchema schema, QueryNode where, List<SortKey> order,
      Hidden rules) {
    Set<String> hidden = rules.always();
    if (hidden.isEmpty()) {
      return;
    }
    Set<String> used = new HashSet<>();
    collect(where, used);
    order.forEach(key -> used.add(topLevel(key.field())));
    for (String field : used) {
      if (hidden.contains(field)) {
        throw ParseException.of(ParseErrorCode.OPERATION_FORBIDDEN,
            "This user is not allowed to query %s on class %s", field, schema.className());
      }
    }
  }

  private static void collect(QueryNode node, Set<String> out) {
    if (node instanceof QueryNode.And and) {
      and.children().forEach(c -> collect(c, out));
    } else if (node instanceof QueryNode.Or or) {
      or.children().forEach(c -> collect(c, out));
    } else if (node instanceof QueryNode.Nor nor) {
      nor.children().forEach(c -> collect(c, out));
    } else if (node instanceof QueryNode.Constraint c) {
      out.add(topLevel(c.field()));
    }
  }

  private static String topLevel(String field) {
    return field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
  }
}
