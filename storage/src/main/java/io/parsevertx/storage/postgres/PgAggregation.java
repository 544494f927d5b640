package io.parsevertx.storage.postgres;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.WhereParser;
import io.parsevertx.common.schema.ClassSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An aggregation pipeline as one SQL statement: a chain of CTEs, each stage reading the rows
 * {@code (doc jsonb, n bigint)} of the one before ({@code n} carries the order). Objects enter
 * as their row in jsonb (internal columns dropped); a leading {@code $match} is a WHERE on the
 * class table with the query translator's typed semantics. Stages: {@code $match},
 * {@code $group} (with {@code $sum}, {@code $avg}, {@code $min}, {@code $max}, {@code $first},
 * {@code $last}, {@code $push}, {@code $addToSet}), {@code $project}, {@code $addFields}/
 * {@code $set}, {@code $sort}, {@code $skip}, {@code $limit}, {@code $count}, {@code $unwind},
 * {@code $lookup}, {@code $sample}. Expressions are field references and constants.
 */
final class PgAggregation {
  private static final String HIDDEN = " - '_rperm' - '_wperm' - '_hashed_password'"
      + " - '_password_history' - '_email_verify_token' - '_perishable_token'"
      + " - '_email_verify_token_expires_at' - '_perishable_token_expires_at'"
      + " - '_account_lockout_expires_at' - '_failed_login_count' - '_password_changed_at'";

  private final ClassSchema schema;
  private final Map<String, ClassSchema> lookups;
  private final PgExtensions extensions;
  private final List<Object> params = new ArrayList<>();
  private final PgWhere binder;
  private final List<String> ctes = new ArrayList<>();
  private String last;

  /** @param lookups the schemas of the classes {@code $lookup} stages read */
  PgAggregation(ClassSchema schema, Map<String, ClassSchema> lookups,
      PgExtensions extensions) {
    this.schema = schema;
    this.lookups = lookups;
    this.extensions = extensions;
    this.binder = new PgWhere(schema, params, extensions, "doc");
  }

  List<Object> params() {
    return params;
  }

  static List<String> lookedUp(JsonArray pipeline) {
    List<String> classes = new ArrayList<>();
    for (Object stage : pipeline) {
      if (stage instanceof JsonObject json && json.getValue("$lookup") instanceof JsonObject l
          && l.getValue("from") instanceof String from) {
        classes.add(from);
      }
    }
    return classes;
  }

  String sql(JsonArray pipeline) {
    int first = 0;
    String where = "TRUE";
    if (!pipeline.isEmpty() && pipeline.getValue(0) instanceof JsonObject stage
        && stage.size() == 1 && stage.getValue("$match") instanceof JsonObject match) {
      where = new PgWhere(schema, params, extensions).translate(WhereParser.parse(match));
      first = 1;
    }
    add("SELECT " + document("t") + " AS doc, row_number() OVER () AS n FROM "
        + PgNames.quote(schema.className()) + " t WHERE " + where);
    for (int i = first; i < pipeline.size(); i++) {
      if (!(pipeline.getValue(i) instanceof JsonObject stage) || stage.size() != 1) {
        throw bad("each pipeline stage must be an object with one operator");
      }
      Map.Entry<String, Object> only = stage.iterator().next();
      add(stage(only.getKey(), only.getValue()));
    }
    return "WITH " + String.join(", ", ctes) + " SELECT doc FROM " + last + " ORDER BY n";
  }

  private static String document(String alias) {
    return "(to_jsonb(" + alias + ")" + HIDDEN + ")";
  }

  private void add(String select) {
    String name = "s" + ctes.size();
    ctes.add(name + " AS (" + select + ")");
    last = name;
  }

  private String stage(String name, Object value) {
    return switch (name) {
      case "$match" -> "SELECT doc, n FROM " + last + " WHERE "
          + binder.translate(WhereParser.parse(object(name, value)));
      case "$group" -> group(object(name, value));
      case "$project" -> project(object(name, value));
      case "$addFields", "$set" -> "SELECT doc || " + build(object(name, value)) + " AS doc, n "
          + "FROM " + last;
      case "$sort" -> sort(object(name, value));
      case "$skip" -> "SELECT doc, n FROM " + last + " ORDER BY n OFFSET "
          + binder.param(count(name, value));
      case "$limit" -> "SELECT doc, n FROM " + last + " ORDER BY n LIMIT "
          + binder.param(count(name, value));
      case "$count" -> {
        if (!(value instanceof String field) || field.isEmpty()) {
          throw bad("$count must name a field");
        }
        yield "SELECT jsonb_build_object(" + binder.param(field) + "::text, count(*)) AS doc, "
            + "1 AS n FROM " + last;
      }
      case "$unwind" -> unwind(value);
      case "$lookup" -> lookup(object(name, value));
      case "$sample" -> "SELECT doc, row_number() OVER () AS n FROM (SELECT doc FROM " + last
          + " ORDER BY random() LIMIT " + binder.param(count(name, object(name, value)
              .getValue("size"))) + ") r";
      default -> throw bad("Invalid aggregate stage '" + name + "'.");
    };
  }

  /** A field reference ({@code "$a.b"}) or a constant, as jsonb. */
  private String expression(Object value) {
    if (value instanceof String s && s.startsWith("$") && !s.startsWith("$$")) {
      String path = s.substring(1);
      if (path.equals("_id")) {
        path = ParseFields.OBJECT_ID;
      }
      return "(doc #> " + binder.param(path.split("\\.")) + "::text[])";
    }
    if (value instanceof JsonObject json) {
      if (json.fieldNames().stream().anyMatch(k -> k.startsWith("$"))) {
        throw bad("Unsupported aggregate expression " + json.encode());
      }
      return build(json);
    }
    if (value == null) {
      return "'null'::jsonb";
    }
    return binder.param(value instanceof JsonArray ? value : value) + "::jsonb";
  }

  private String build(JsonObject fields) {
    List<String> pairs = new ArrayList<>();
    fields.forEach(e -> pairs.add(binder.param(e.getKey()) + "::text, " + expression(
        e.getValue())));
    return "jsonb_build_object(" + String.join(", ", pairs) + ")";
  }

  /** {@code _id} (or Parse's {@code objectId}) is the key; the others are accumulators. */
  private String group(JsonObject group) {
    Object key = group.containsKey("_id") ? group.getValue("_id")
        : group.getValue(ParseFields.OBJECT_ID);
    if (!group.containsKey("_id") && !group.containsKey(ParseFields.OBJECT_ID)) {
      throw bad("Invalid parameter for query: group. Missing key _id");
    }
    String keySql = expression(key);
    List<String> pairs = new ArrayList<>();
    pairs.add("'objectId', " + keySql);
    for (Map.Entry<String, Object> entry : group) {
      if (entry.getKey().equals("_id") || entry.getKey().equals(ParseFields.OBJECT_ID)) {
        continue;
      }
      pairs.add(binder.param(entry.getKey()) + "::text, " + accumulator(entry.getKey(),
          entry.getValue()));
    }
    return "SELECT jsonb_build_object(" + String.join(", ", pairs) + ") AS doc, row_number() "
        + "OVER (ORDER BY min(n)) AS n FROM " + last + " GROUP BY " + keySql;
  }

  private String accumulator(String field, Object spec) {
    if (!(spec instanceof JsonObject json) || json.size() != 1) {
      throw bad("The field '" + field + "' must be an accumulator object");
    }
    Map.Entry<String, Object> op = json.iterator().next();
    Object argument = op.getValue();
    String value = expression(argument);
    String number = "(" + value + " #>> '{}')::numeric";
    return switch (op.getKey()) {
      case "$sum" -> argument instanceof Number constant
          ? "to_jsonb(count(*) * " + binder.param(constant.doubleValue())
              + "::numeric)" : "to_jsonb(COALESCE(sum(CASE WHEN jsonb_typeof(" + value
              + ") = 'number' THEN " + number + " END), 0))";
      case "$avg" -> "to_jsonb(avg(CASE WHEN jsonb_typeof(" + value + ") = 'number' THEN "
          + number + " END))";
      case "$min" -> "(array_agg(" + value + " ORDER BY " + value + ") FILTER (WHERE "
          + value + " IS NOT NULL))[1]";
      case "$max" -> "(array_agg(" + value + " ORDER BY " + value + " DESC) FILTER (WHERE "
          + value + " IS NOT NULL))[1]";
      case "$first" -> "(array_agg(" + value + " ORDER BY n))[1]";
      case "$last" -> "(array_agg(" + value + " ORDER BY n DESC))[1]";
      case "$push" -> "COALESCE(jsonb_agg(" + value + " ORDER BY n), '[]'::jsonb)";
      case "$addToSet" -> "COALESCE(jsonb_agg(DISTINCT " + value + "), '[]'::jsonb)";
      default -> throw bad("Unsupported accumulator " + op.getKey());
    };
  }

  /** Inclusion ({@code 1}, {@code true}, expressions) or exclusion ({@code 0}) of fields. */
  private String project(JsonObject spec) {
    boolean exclusion = spec.stream().allMatch(e -> Integer.valueOf(0).equals(e.getValue())
        || Boolean.FALSE.equals(e.getValue()));
    if (exclusion) {
      StringBuilder doc = new StringBuilder("doc");
      spec.fieldNames().forEach(f -> doc.append(" - ").append(binder.param(f)).append("::text"));
      return "SELECT " + doc + " AS doc, n FROM " + last;
    }
    List<String> pairs = new ArrayList<>();
    boolean keepId = !Integer.valueOf(0).equals(spec.getValue(ParseFields.OBJECT_ID))
        && !Integer.valueOf(0).equals(spec.getValue("_id"));
    if (keepId) {
      pairs.add("'objectId', doc -> 'objectId'");
    }
    for (Map.Entry<String, Object> entry : spec) {
      String field = entry.getKey();
      if (field.equals(ParseFields.OBJECT_ID) || field.equals("_id")) {
        continue;
      }
      Object how = entry.getValue();
      String value = Integer.valueOf(1).equals(how) || Boolean.TRUE.equals(how)
          ? "(doc #> " + binder.param(field.split("\\.")) + "::text[])" : expression(how);
      pairs.add(binder.param(field) + "::text, " + value);
    }
    return "SELECT jsonb_strip_nulls(jsonb_build_object(" + String.join(", ", pairs)
        + ")) AS doc, n FROM " + last;
  }

  private String sort(JsonObject spec) {
    List<String> terms = new ArrayList<>();
    for (Map.Entry<String, Object> entry : spec) {
      String field = entry.getKey().equals("_id") ? ParseFields.OBJECT_ID : entry.getKey();
      boolean descending = entry.getValue() instanceof Number n && n.intValue() < 0;
      terms.add("(doc #> " + binder.param(field.split("\\.")) + "::text[])"
          + (descending ? " DESC NULLS LAST" : " ASC NULLS FIRST"));
    }
    terms.add("n");
    return "SELECT doc, row_number() OVER (ORDER BY " + String.join(", ", terms) + ") AS n "
        + "FROM " + last;
  }

  private String unwind(Object value) {
    Object path = value instanceof JsonObject spec ? spec.getValue("path") : value;
    if (!(path instanceof String ref) || !ref.startsWith("$")) {
      throw bad("$unwind needs a field path starting with $");
    }
    String[] field = ref.substring(1).split("\\.");
    String bound = binder.param(field) + "::text[]";
    return "SELECT jsonb_set(doc, " + bound + ", e.value) AS doc, row_number() OVER (ORDER BY "
        + "n, e.i) AS n FROM " + last + ", jsonb_array_elements(CASE WHEN jsonb_typeof(doc #> "
        + bound + ") = 'array' THEN doc #> " + bound + " ELSE '[]'::jsonb END) WITH ORDINALITY "
        + "AS e(value, i)";
  }

  private String lookup(JsonObject spec) {
    if (!(spec.getValue("from") instanceof String from)
        || !(spec.getValue("localField") instanceof String local)
        || !(spec.getValue("foreignField") instanceof String foreign)
        || !(spec.getValue("as") instanceof String as)) {
      throw bad("$lookup needs from, localField, foreignField and as");
    }
    ClassSchema other = lookups.get(from);
    String joined = other == null ? "'[]'::jsonb" : "COALESCE((SELECT jsonb_agg(" + document("f")
        + ") FROM " + PgNames.quote(from) + " f WHERE " + document("f") + " -> "
        + binder.param(foreign) + "::text = p.doc #> " + binder.param(local.split("\\."))
        + "::text[]), '[]'::jsonb)";
    return "SELECT p.doc || jsonb_build_object(" + binder.param(as) + "::text, " + joined
        + ") AS doc, p.n FROM " + last + " p";
  }

  private static long count(String stage, Object value) {
    if (value instanceof Number n && n.longValue() >= 0) {
      return n.longValue();
    }
    throw bad(stage + " must be a non-negative number");
  }

  private static JsonObject object(String stage, Object value) {
    if (value instanceof JsonObject json) {
      return json;
    }
    throw bad(stage + " must be an object");
  }

  private static ParseException bad(String message) {
    return new ParseException(ParseErrorCode.INVALID_QUERY, message);
  }
}
