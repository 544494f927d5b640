package io.parsevertx.storage.postgres;

/**
 * Geo conditions over GeoPoint ({@code point}, longitude first) and Polygon ({@code polygon})
 * columns. Every argument is SQL already bound by the caller: a column, or a parameter
 * placeholder with its cast. Boundaries count as inside, as in MongoDB's {@code $geoWithin}.
 */
interface PgGeo {
  /** PostGIS's mean earth radius (WGS 84), which {@code ST_DistanceSphere} measures with. */
  double EARTH_RADIUS_METERS = 6371008.771415;

  /** Great-circle distance in radians between a point column and (lng, lat). */
  String distanceRadians(String column, String latitude, String longitude);

  /** The point column lies in the box with these corner points. */
  String inBox(String column, String southwest, String northeast);

  /** The point column lies in the polygon. */
  String inPolygon(String column, String polygon);

  /** The polygon column contains the point. */
  String polygonContains(String column, String point);

  /** PostgreSQL's own geometry and a haversine distance: no extension needed. */
  PgGeo BUILT_IN = new PgGeo() {
    @Override
    public String distanceRadians(String column, String lat, String lng) {
      return "(2 * asin(LEAST(1, sqrt(power(sin(radians((" + column + ")[1] - " + lat
          + ") / 2), 2) + cos(radians(" + lat + ")) * cos(radians((" + column + ")[1])) * "
          + "power(sin(radians((" + column + ")[0] - " + lng + ") / 2), 2)))))";
    }

    @Override
    public String inBox(String column, String southwest, String northeast) {
      return column + " <@ box(" + southwest + ", " + northeast + ")";
    }

    @Override
    public String inPolygon(String column, String polygon) {
      return column + " <@ " + polygon;
    }

    @Override
    public String polygonContains(String column, String point) {
      return column + " @> " + point;
    }
  };

  /** PostGIS, as Parse Server's PostgreSQL adapter queries it. */
  PgGeo POSTGIS = new PgGeo() {
    @Override
    public String distanceRadians(String column, String lat, String lng) {
      return "(ST_DistanceSphere(" + column + "::geometry, ST_MakePoint(" + lng + ", " + lat
          + ")) / " + EARTH_RADIUS_METERS + ")";
    }

    @Override
    public String inBox(String column, String southwest, String northeast) {
      return "ST_Covers(ST_Envelope(ST_MakeLine(" + southwest + "::geometry, " + northeast
          + "::geometry)), " + column + "::geometry)";
    }

    @Override
    public String inPolygon(String column, String polygon) {
      return "ST_Covers(" + polygon + "::geometry, " + column + "::geometry)";
    }

    @Override
    public String polygonContains(String column, String point) {
      return "ST_Covers(" + column + "::geometry, " + point + "::geometry)";
    }
  };
}
