package io.parsevertx.common.query;

import java.util.List;

/** The structured operands of the operators that take more than a value. */
public final class QueryOperands {

  private QueryOperands() {}

  /** {@code $regex} with its {@code $options} (i, m, x, s). */
  public record Regex(String pattern, String options) {}

  /** The query of {@code $inQuery}/{@code $notInQuery}: objects of another class. */
  public record SubQuery(String className, QueryNode where) {}

  /** {@code $select}/{@code $dontSelect}: the values of {@code key} in a sub-query's results. */
  public record Select(SubQuery query, String key) {}

  /** A point; latitude first, as Parse writes GeoPoints. */
  public record Point(double latitude, double longitude) {}

  /** {@code $nearSphere}, with the greatest distance in radians (null for none). */
  public record NearSphere(Point center, Double maxDistanceRadians) {}

  /** {@code $within: {$box: [southwest, northeast]}}. */
  public record Box(Point southwest, Point northeast) {}

  /** {@code $geoWithin: {$polygon: [...]}}. */
  public record PolygonArea(List<Point> vertices) {
    public PolygonArea {
      vertices = List.copyOf(vertices);
    }
  }

  /** {@code $geoWithin: {$centerSphere: [center, radians]}}. */
  public record CenterSphere(Point center, double radiusRadians) {}

  /** {@code $geoIntersects: {$point: ...}}: Polygon fields containing the point. */
  public record Intersects(Point point) {}

  /** {@code $text: {$search: {$term, $language, $caseSensitive, $diacriticSensitive}}}. */
  public record TextSearch(String term, String language, boolean caseSensitive,
      boolean diacriticSensitive) {}
}
