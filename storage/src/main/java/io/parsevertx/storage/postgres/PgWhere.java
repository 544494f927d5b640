package io.parsevertx.storage.postgres;

import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.query.QueryOperands.Box;
import io.parsevertx.common.query.QueryOperands.CenterSphere;
import io.parsevertx.common.query.QueryOperands.Intersects;
import io.parsevertx.common.query.QueryOperands.NearSphere;
import io.parsevertx.common.query.QueryOperands.Point;
import io.parsevertx.common.query.QueryOperands.PolygonArea;
import io.parsevertx.common.query.QueryOperands.Regex;
import io.parsevertx.common.query.QueryOperands.TextSearch;
import io.parsevertx.common.query.SortKey;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.types.ParseType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Translates the Parse query AST into a SQL condition over Parse Server's PostgreSQL layout.
 * Every value, dot path and regex is a bound parameter ({@link #params()}); names reach the
 * statement only through {@link PgNames#quote}. Semantics follow MongoDB's, which Parse defines
 * them by: a constraint on a missing field matches as MongoDB would ({@code $ne}, {@code $nin}
 * and {@code $exists: false} match it), equality with an array field means "contains".
 */
final class PgWhere {
  private static final Pattern TEXT_TOKENS = Pattern.compile("-?\"[^\"]*\"|\\S+");

  private final ClassSchema schema;
  private final List<Object> params;
  private final PgExtensions extensions;
  private final String document;
  private String nearest;

  /** @param extensions what the database has beyond PostgreSQL itself */
  PgWhere(ClassSchema schema, List<Object> params, PgExtensions extensions) {
    this(schema, params, extensions, null);
  }

  /**
   * @param document a jsonb column holding whole objects (an aggregation stage's output) that
   *     every field is looked up in, or null for a class table's typed columns
   */
  PgWhere(ClassSchema schema, List<Object> params, PgExtensions extensions, String document) {
    this.schema = schema;
    this.params = params;
    this.extensions = extensions;
    this.document = document;
  }

  List<Object> params() {
    return params;
  }

  /** The distance of a {@code $nearSphere}, which orders results when no order is given. */
  String nearest() {
    return nearest;
  }

  String param(Object value) {
    params.add(value);
    return "$" + params.size();
  }

  String translate(QueryNode node) {
    if (node instanceof QueryNode.And and) {
      return join(and.children(), " AND ", "TRUE");
    }
    if (node instanceof QueryNode.Or or) {
      return join(or.children(), " OR ", "FALSE");
    }
    if (node instanceof QueryNode.Nor nor) {
      return "NOT (" + join(nor.children(), " OR ", "FALSE") + ")";
    }
    if (node instanceof QueryNode.Constraint c && !c.op().isSubQuery()) {
      return constraint(c);
    }
    // note: data-service resolves sub-queries and $relatedTo before storage sees a query
    throw new IllegalStateException("unresolved query node: " + node);
  }

  private String join(List<QueryNode> children, String operator, String empty) {
    if (children.isEmpty()) {
      return empty;
    }
    return children.stream().map(child -> "(" + translate(child) + ")")
        .collect(Collectors.joining(operator));
  }

  /** A field as SQL: a typed column, or a jsonb value inside an Object column. */
  private record Target(String sql, PgColumn column, boolean json) {}

  private Target target(String field) {
    if (document != null) {
      return new Target("(" + document + " #> " + param(field.split("\\.")) + "::text[])",
          new PgColumn(document, PgColumn.Kind.OBJECT, null), true);
    }
    int dot = field.indexOf('.');
    if (dot > 0) {
      PgColumn column = PgColumn.of(schema, field.substring(0, dot));
      if (column == null || !column.kind().isJson()) {
        return null;
      }
      String[] path = field.substring(dot + 1).split("\\.");
      return new Target("(" + column.quoted() + " #> " + param(path) + "::text[])", column,
          true);
    }
    PgColumn column = PgColumn.of(schema, field);
    if (column == null) {
      return null;
    }
    return new Target(column.quoted(), column, column.kind().isJson());
  }

  private String constraint(QueryNode.Constraint c) {
    Target target = target(c.field());
    if (target == null) {
      // note: no column means no object has the field
      return switch (c.op()) {
        case NE, NIN -> "TRUE";
        case EXISTS -> Boolean.FALSE.equals(c.value()) ? "TRUE" : "FALSE";
        case EQ -> c.value() == null ? "TRUE" : "FALSE";
        default -> "FALSE";
      };
    }
    if (target.column().kind() == PgColumn.Kind.TEXT_ARRAY) {
      return permissions(target, c);
    }
    return switch (c.op()) {
      case EQ -> equal(target, c.value());
      case NE -> c.value() == null ? target.sql() + " IS NOT NULL"
          : "(" + target.sql() + " IS NULL OR NOT (" + equal(target, c.value()) + "))";
      case LT, LTE, GT, GTE -> compare(target, c.op(), c.value());
      case IN -> in(target, (JsonArray) c.value());
      case NIN -> "(" + target.sql() + " IS NULL OR NOT (" + in(target, (JsonArray) c.value())
          + "))";
      case EXISTS -> target.sql() + (Boolean.TRUE.equals(c.value()) ? " IS NOT NULL"
          : " IS NULL");
      case ALL -> target.json() ? target.sql() + " @> " + param(new JsonArray(
          ((JsonArray) c.value()).getList())) + "::jsonb" : "FALSE";
      case CONTAINED_BY -> target.json() ? "(" + target.sql() + " IS NULL OR " + target.sql()
          + " <@ " + param(c.value()) + "::jsonb)" : "FALSE";
      case REGEX -> regex(target, (Regex) c.value());
      case TEXT -> text(target, (TextSearch) c.value());
      case NEAR_SPHERE -> near(target, (NearSphere) c.value());
      case WITHIN, GEO_WITHIN -> within(target, c.value());
      case GEO_INTERSECTS -> target.column().kind() == PgColumn.Kind.POLYGON
          ? extensions.geo().polygonContains(target.sql(),
              param(point(((Intersects) c.value()).point())) + "::point")
          : "FALSE";
      default -> throw ParseException.of(ParseErrorCode.INVALID_QUERY,
          "bad constraint: %s", c.op().wireName());
    };
  }

  /** {@code _rperm}/{@code _wperm}: equality is membership, {@code $in} is overlap. */
  private String permissions(Target target, QueryNode.Constraint c) {
    return switch (c.op()) {
      case EQ -> c.value() == null ? target.sql() + " IS NULL"
          : param(String.valueOf(c.value())) + "::text = ANY(" + target.sql() + ")";
      case IN -> (((JsonArray) c.value()).getList().contains(null) ? "(" + target.sql()
          + " IS NULL OR " : "(") + target.sql() + " && " + param(strings((JsonArray) c.value()))
          + "::text[])";
      case NIN -> "(" + target.sql() + " IS NULL OR NOT " + target.sql() + " && "
          + param(strings((JsonArray) c.value())) + "::text[])";
      case ALL -> target.sql() + " @> " + param(strings((JsonArray) c.value())) + "::text[]";
      case EXISTS -> target.sql() + (Boolean.TRUE.equals(c.value()) ? " IS NOT NULL"
          : " IS NULL");
      default -> throw ParseException.of(ParseErrorCode.INVALID_QUERY,
          "bad constraint on %s", c.field());
    };
  }

  private static String[] strings(JsonArray values) {
    return values.stream().filter(v -> v != null).map(String::valueOf).toArray(String[]::new);
  }

  private String equal(Target target, Object value) {
    if (value == null) {
      return target.sql() + " IS NULL";
    }
    if (target.json()) {
      String v = param(value) + "::jsonb";
      return "(" + target.sql() + " = " + v + " OR (jsonb_typeof(" + target.sql()
          + ") = 'array' AND " + target.sql() + " @> jsonb_build_array(" + v + ")))";
    }
    Object sql = typed(target.column(), value);
    if (sql == null) {
      return "FALSE";
    }
    if (target.column().kind() == PgColumn.Kind.GEO_POINT) {
      return target.sql() + " ~= " + param(sql) + "::point";
    }
    return target.sql() + " = " + param(sql) + cast(target.column());
  }

  private String compare(Target target, QueryOp op, Object value) {
    String operator = switch (op) {
      case LT -> "<";
      case LTE -> "<=";
      case GT -> ">";
      default -> ">=";
    };
    if (target.json()) {
      String v = param(value) + "::jsonb";
      return "(jsonb_typeof(" + target.sql() + ") = jsonb_typeof(" + v + ") AND "
          + target.sql() + " " + operator + " " + v + ")";
    }
    Object sql = typed(target.column(), value);
    return sql == null ? "FALSE" : target.sql() + " " + operator + " " + param(sql)
        + cast(target.column());
  }

  private String in(Target target, JsonArray values) {
    if (values.isEmpty()) {
      return "FALSE";
    }
    List<String> conditions = new ArrayList<>();
    if (values.getList().contains(null)) {
      conditions.add(target.sql() + " IS NULL");
    }
    if (target.json()) {
      String list = param(new JsonArray(values.stream().filter(v -> v != null).toList()))
          + "::jsonb";
      conditions.add("EXISTS (SELECT 1 FROM jsonb_array_elements(" + list + ") AS v(value) "
          + "WHERE " + target.sql() + " = v.value OR (jsonb_typeof(" + target.sql()
          + ") = 'array' AND " + target.sql() + " @> jsonb_build_array(v.value)))");
    } else {
      List<String> items = new ArrayList<>();
      for (Object value : values) {
        Object sql = value == null ? null : typed(target.column(), value);
        if (sql != null) {
          items.add(param(sql) + cast(target.column()));
        }
      }
      if (!items.isEmpty()) {
        conditions.add(target.sql() + " IN (" + String.join(", ", items) + ")");
      }
    }
    return conditions.isEmpty() ? "FALSE" : "(" + String.join(" OR ", conditions) + ")";
  }

  /**
   * The bound value for a typed column, or null when the value cannot be of the column's type
   * (MongoDB then matches nothing, and so do we, rather than failing the statement).
   */
  private static Object typed(PgColumn column, Object value) {
    boolean fits = switch (column.kind()) {
      case TEXT -> value instanceof String;
      case NUMBER -> value instanceof Number;
      case BOOLEAN -> value instanceof Boolean;
      case DATE -> isType(value, ParseType.DATE) || value instanceof String;
      case POINTER -> isType(value, ParseType.POINTER) || value instanceof String;
      case FILE -> isType(value, ParseType.FILE) || value instanceof String;
      case GEO_POINT -> isType(value, ParseType.GEO_POINT);
      case POLYGON -> isType(value, ParseType.POLYGON);
      default -> true;
    };
    if (!fits) {
      return null;
    }
    try {
      return PgValues.toSql(column, value);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean isType(Object value, ParseType type) {
    return value instanceof JsonObject json && type.wireName().equals(
        json.getValue(ParseFields.TYPE));
  }

  private static String cast(PgColumn column) {
    return switch (column.kind()) {
      case TEXT, POINTER, FILE -> "::text";
      case NUMBER -> "::double precision";
      case BOOLEAN -> "::boolean";
      case DATE -> "::timestamptz";
      case POLYGON -> "::polygon";
      default -> "";
    };
  }

  /**
   * MongoDB's regex options as PostgreSQL's embedded ones: {@code i} and {@code x} as they are;
   * by default {@code .} does not match a newline (PostgreSQL's {@code p}), {@code s} lets it,
   * {@code m} anchors {@code ^}/{@code $} at lines ({@code n} or, with {@code s}, {@code w}).
   */
  private String regex(Target target, Regex regex) {
    String options = regex.options() == null ? "" : regex.options();
    boolean multiline = options.contains("m");
    boolean dotAll = options.contains("s");
    StringBuilder flags = new StringBuilder(multiline ? (dotAll ? "w" : "n")
        : (dotAll ? "s" : "p"));
    if (options.contains("i")) {
      flags.append('i');
    }
    if (options.contains("x")) {
      flags.append('x');
    }
    String pattern = "(?" + flags + ")" + literalBlocks(regex.pattern());
    String text = target.json() ? "(" + target.sql() + " #>> '{}')" : target.sql() + "::text";
    if (target.column().kind() == PgColumn.Kind.ARRAY) {
      return "EXISTS (SELECT 1 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof("
          + target.sql() + ") = 'array' THEN " + target.sql() + " ELSE '[]'::jsonb END) AS e(v) "
          + "WHERE e.v ~ " + param(pattern) + ")";
    }
    return text + " ~ " + param(pattern);
  }

  /**
   * PCRE's quoted runs ({@code \Q...\E}, as Java's {@code Pattern.quote} and SDKs write them)
   * as escaped characters, which PostgreSQL's regular expressions understand.
   */
  static String literalBlocks(String pattern) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int start = pattern.indexOf("\\Q", at);
      if (start < 0) {
        return out.append(pattern, at, pattern.length()).toString();
      }
      out.append(pattern, at, start);
      int end = pattern.indexOf("\\E", start + 2);
      String literal = pattern.substring(start + 2, end < 0 ? pattern.length() : end);
      for (char ch : literal.toCharArray()) {
        if (!Character.isLetterOrDigit(ch) && ch != ' ' && ch != '_') {
          out.append('\\');
        }
        out.append(ch);
      }
      if (end < 0) {
        return out.toString();
      }
      at = end + 2;
    }
  }

  /**
   * MongoDB's {@code $text} on PostgreSQL's full-text search: the search matches if any word
   * occurs (stemmed in {@code $language}), a quoted phrase must occur as a phrase, a word with
   * {@code -} must not occur. Diacritics are ignored through the {@code unaccent} extension
   * unless {@code $diacriticSensitive}; {@code $caseSensitive} also asks for the word as typed.
   */
  private String text(Target target, TextSearch search) {
    // note: MongoDB's default language is English, and "none" means no stemming
    String language = search.language() == null ? "english"
        : "none".equals(search.language()) ? "simple" : search.language();
    if (!language.matches("[a-z]{2,20}")) {
      throw new ParseException(ParseErrorCode.INVALID_JSON, "bad $text: $language");
    }
    boolean fold = extensions.unaccent() && !search.diacriticSensitive();
    String config = param(language) + "::regconfig";
    String column = "COALESCE(" + target.sql() + "::text, '')";
    String vector = "to_tsvector(" + config + ", " + (fold ? "unaccent(" + column + ")" : column)
        + ")";
    List<String> any = new ArrayList<>();
    List<String> none = new ArrayList<>();
    Matcher tokens = TEXT_TOKENS.matcher(search.term() == null ? "" : search.term());
    while (tokens.find()) {
      String token = tokens.group();
      boolean negated = token.startsWith("-");
      String word = negated ? token.substring(1) : token;
      boolean phrase = word.startsWith("\"");
      word = word.replace("\"", "");
      if (word.isBlank()) {
        continue;
      }
      String bound = param(word) + "::text";
      String query = vector + " @@ " + (phrase ? "phraseto_tsquery(" : "plainto_tsquery(")
          + config + ", " + (fold ? "unaccent(" + bound + ")" : bound) + ")";
      if (negated) {
        none.add(query);
      } else {
        any.add(search.caseSensitive() ? "(" + query + " AND strpos(" + column + ", " + bound
            + ") > 0)" : query);
      }
    }
    if (any.isEmpty()) {
      return "FALSE";
    }
    String condition = "(" + String.join(" OR ", any) + ")";
    if (!none.isEmpty()) {
      condition += " AND NOT (" + String.join(" OR ", none) + ")";
    }
    return condition;
  }

  /** Great-circle distance in radians between the point column and {@code center}. */
  private String distance(Target target, Point center) {
    return extensions.geo().distanceRadians(target.sql(),
        param(center.latitude()) + "::double precision",
        param(center.longitude()) + "::double precision");
  }

  private String near(Target target, NearSphere near) {
    if (target.column().kind() != PgColumn.Kind.GEO_POINT) {
      return "FALSE";
    }
    String distance = distance(target, near.center());
    nearest = distance;
    return near.maxDistanceRadians() == null ? target.sql() + " IS NOT NULL"
        : distance + " <= " + param(near.maxDistanceRadians()) + "::double precision";
  }

  private String within(Target target, Object area) {
    if (target.column().kind() != PgColumn.Kind.GEO_POINT) {
      return "FALSE";
    }
    if (area instanceof Box box) {
      return extensions.geo().inBox(target.sql(), param(point(box.southwest())) + "::point",
          param(point(box.northeast())) + "::point");
    }
    if (area instanceof PolygonArea polygon) {
      return extensions.geo().inPolygon(target.sql(), param(new io.vertx.pgclient.data.Polygon(
          polygon.vertices().stream().map(PgWhere::point).toList())) + "::polygon");
    }
    if (area instanceof CenterSphere sphere) {
      return distance(target, sphere.center()) + " <= " + param(sphere.radiusRadians())
          + "::double precision";
    }
    throw new ParseException(ParseErrorCode.INVALID_QUERY, "bad $geoWithin value");
  }

  private static io.vertx.pgclient.data.Point point(Point point) {
    return new io.vertx.pgclient.data.Point(point.longitude(), point.latitude());
  }

  /**
   * ORDER BY in MongoDB's order: missing values first ascending, last descending; the
   * {@code $nearSphere} distance first when no order is given.
   */
  String orderBy(List<SortKey> order) {
    List<String> terms = new ArrayList<>();
    if (order.isEmpty() && nearest != null) {
      terms.add(nearest + " ASC");
    }
    for (SortKey key : order) {
      Target target = target(key.field());
      if (target == null) {
        continue;
      }
      terms.add(target.sql() + (key.descending() ? " DESC NULLS LAST" : " ASC NULLS FIRST"));
    }
    return terms.isEmpty() ? "" : " ORDER BY " + String.join(", ", terms);
  }

  @Override
  public String toString() {
    return "PgWhere" + Arrays.toString(params.toArray());
  }
}
