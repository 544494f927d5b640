package io.parsevertx.data.security;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.SortKey;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.security.AccessPolicy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

  private ProtectedFields() {}

  /**
   * @param serverDefaults the {@code protectedFields} option, by class name; the class's own
   *     CLP entries take precedence
   * @return the fields this caller may not see on objects of {@code schema}
   */
  public static Set<String> forCaller(ClassSchema schema, AccessPolicy policy,
      JsonObject serverDefaults) {
    if (policy.master()) {
      return Set.of();
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
    Set<String> hidden = null;
    for (Map.Entry<String, Object> rule : rules) {
      if (policy.principals().contains(rule.getKey())
          && rule.getValue() instanceof JsonArray fields) {
        Set<String> set = new HashSet<>();
        fields.forEach(f -> set.add(String.valueOf(f)));
        if (hidden == null) {
          hidden = set;
        } else {
          hidden.retainAll(set);
        }
      }
    }
    return hidden == null ? Set.of() : hidden;
  }

  /** Removes {@code hidden} from an object, unless it is the caller's own user. */
  public static void strip(ClassSchema schema, JsonObject object, Set<String> hidden,
      AccessPolicy policy) {
    if (hidden.isEmpty() || ClassNames.USER.equals(schema.className())
        && object.getString(ParseFields.OBJECT_ID, "").equals(policy.userId())) {
      return;
    }
    hidden.forEach(object::remove);
  }

  /** @throws ParseException 119 when {@code where} or {@code order} touches a hidden field */
  public static void refuseProbing(ClassSchema schema, QueryNode where, List<SortKey> order,
      Set<String> hidden) {
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
