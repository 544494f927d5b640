package io.parsevertx.common.query;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.QueryOperands.Box;
import io.parsevertx.common.query.QueryOperands.CenterSphere;
import io.parsevertx.common.query.QueryOperands.Intersects;
import io.parsevertx.common.query.QueryOperands.NearSphere;
import io.parsevertx.common.query.QueryOperands.Point;
import io.parsevertx.common.query.QueryOperands.PolygonArea;
import io.parsevertx.common.query.QueryOperands.Regex;
import io.parsevertx.common.query.QueryOperands.TextSearch;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Predicate;

/**
 * Evaluates a query against one object in memory, with the database's semantics (an array field
 * matches a scalar when it contains it; range operators never compare across types). LiveQuery
 * uses it for every change; the parity tests hold it to the database's answers. Sub-queries and
 * {@code $relatedTo} must be resolved first.
 */
public final class QueryMatcher {
  /** The deadline (System.nanoTime) of the regexes of the match running on this thread. */
  private static final ThreadLocal<Long> REGEX_DEADLINE = new ThreadLocal<>();

  private QueryMatcher() {}

  /**
   * As {@link #matches(QueryNode, JsonObject)}, with every {@code $regex} of this match given
   * at most {@code regexTimeoutMillis} (LiveQuery's {@code regexTimeout}): a pathological
   * pattern cannot hold a thread.
   *
   * @throws ParseException 102 when a regex runs out of time
   */
  public static boolean matches(QueryNode node, JsonObject object, long regexTimeoutMillis) {
    if (regexTimeoutMillis <= 0) {
      return matches(node, object);
    }
    REGEX_DEADLINE.set(System.nanoTime() + regexTimeoutMillis * 1_000_000);
    try {
      return matches(node, object);
    } finally {
      REGEX_DEADLINE.remove();
    }
  }

  /** A text whose reading stops a regex once its deadline passed. */
  private static final class TimedText implements CharSequence {
    private final CharSequence text;
    private final long deadline;
    private int reads;

    TimedText(CharSequence text, long deadline) {
      this.text = text;
      this.deadline = deadline;
    }

    @Override
    public char charAt(int index) {
      // note: the clock is read every 1024 characters, a backtracking regex reads millions
      if ((++reads & 0x3ff) == 0 && System.nanoTime() > deadline) {
        throw new ParseException(ParseErrorCode.INVALID_QUERY, "regex timed out");
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new TimedText(text.subSequence(start, end), deadline);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /** @throws ParseException 102 for an unresolved sub-query or {@code $relatedTo} */
  public static boolean matches(QueryNode node, JsonObject object) {
    if (node instanceof QueryNode.And and) {
      return and.children().stream().allMatch(child -> matches(child, object));
    }
    if (node instanceof QueryNode.Or or) {
      return or.children().stream().anyMatch(child -> matches(child, object));
    }
    if (node instanceof QueryNode.Nor nor) {
      return nor.children().stream().noneMatch(child -> matches(child, object));
    }
    if (node instanceof QueryNode.Constraint c) {
      return constraint(c, ParseValues.fieldValue(object, c.field()));
    }
    throw new ParseException(ParseErrorCode.INVALID_QUERY,
        "$relatedTo cannot be evaluated in memory");
  }

  private static boolean constraint(QueryNode.Constraint c, Object value) {
    Object operand = c.value();
    boolean missing = value == ParseValues.MISSING;
    return switch (c.op()) {
      case EQ -> equalsOrContains(value, operand);
      case NE -> !equalsOrContains(value, operand);
      case LT -> anyElement(value, v -> order(v, operand, r -> r < 0));
      case LTE -> anyElement(value, v -> order(v, operand, r -> r <= 0));
      case GT -> anyElement(value, v -> order(v, operand, r -> r > 0));
      case GTE -> anyElement(value, v -> order(v, operand, r -> r >= 0));
      case IN -> in(value, (JsonArray) operand);
      case NIN -> !in(value, (JsonArray) operand);
      case EXISTS -> (Boolean) operand != missing;
      case ALL -> value instanceof JsonArray array && ((JsonArray) operand).stream()
          .allMatch(wanted -> array.stream().anyMatch(v -> ParseValues.same(v, wanted)));
      case CONTAINED_BY -> missing || value instanceof JsonArray array && array.stream()
          .allMatch(v -> ((JsonArray) operand).stream().anyMatch(w -> ParseValues.same(v, w)));
      case REGEX -> anyElement(value, v -> v instanceof String s && regex((Regex) operand, s));
      case NEAR_SPHERE -> near((NearSphere) operand, GeoMath.pointOf(value));
      case WITHIN -> inBox((Box) operand, GeoMath.pointOf(value));
      case GEO_WITHIN -> geoWithin(operand, GeoMath.pointOf(value));
      case GEO_INTERSECTS -> intersects((Intersects) operand, GeoMath.polygonOf(value));
      case TEXT -> value instanceof String s && TextMatch.matches((TextSearch) operand, s);
      case SELECT, DONT_SELECT, IN_QUERY, NOT_IN_QUERY -> throw new ParseException(
          ParseErrorCode.INVALID_QUERY, c.op().wireName() + " cannot be evaluated in memory");
    };
  }

  private static boolean equalsOrContains(Object value, Object operand) {
    if (value == ParseValues.MISSING) {
      return operand == null;
    }
    if (ParseValues.same(value, operand)) {
      return true;
    }
    return value instanceof JsonArray array && !(operand instanceof JsonArray)
        && array.stream().anyMatch(v -> ParseValues.same(v, operand));
  }

  private static boolean in(Object value, JsonArray candidates) {
    return candidates.stream().anyMatch(candidate -> equalsOrContains(value, candidate));
  }

  private static boolean anyElement(Object value, Predicate<Object> test) {
    if (value instanceof JsonArray array) {
      return array.stream().anyMatch(test);
    }
    return value != ParseValues.MISSING && test.test(value);
  }

  private static boolean order(Object value, Object operand,
      java.util.function.IntPredicate accept) {
    Integer result = ParseValues.compare(value, operand);
    return result != null && accept.test(result);
  }

  private static boolean regex(Regex regex, String value) {
    int flags = 0;
    for (char option : regex.options().toCharArray()) {
      flags |= switch (option) {
        case 'i' -> java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE;
        case 'm' -> java.util.regex.Pattern.MULTILINE;
        case 'x' -> java.util.regex.Pattern.COMMENTS;
        case 's' -> java.util.regex.Pattern.DOTALL;
        default -> 0;
      };
    }
    Long deadline = REGEX_DEADLINE.get();
    CharSequence input = deadline == null ? value : new TimedText(value, deadline);
    return java.util.regex.Pattern.compile(regex.pattern(), flags).matcher(input).find();
  }

  private static boolean near(NearSphere near, Point point) {
    return point != null && (near.maxDistanceRadians() == null
        || GeoMath.radiansBetween(near.center(), point) <= near.maxDistanceRadians());
  }

  private static boolean inBox(Box box, Point p) {
    return p != null && p.latitude() >= box.southwest().latitude()
        && p.latitude() <= box.northeast().latitude()
        && p.longitude() >= box.southwest().longitude()
        && p.longitude() <= box.northeast().longitude();
  }

  private static boolean geoWithin(Object area, Point point) {
    if (point == null) {
      return false;
    }
    if (area instanceof PolygonArea polygon) {
      return GeoMath.inPolygon(point, polygon.vertices());
    }
    CenterSphere sphere = (CenterSphere) area;
    return GeoMath.radiansBetween(sphere.center(), point) <= sphere.radiusRadians();
  }

  private static boolean intersects(Intersects intersects, List<Point> polygon) {
    return polygon != null && GeoMath.inPolygon(intersects.point(), polygon);
  }
}
