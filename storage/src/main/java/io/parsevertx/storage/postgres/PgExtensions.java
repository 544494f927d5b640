package io.parsevertx.storage.postgres;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * The optional PostgreSQL extensions a database has, which change how some queries are written.
 *
 * @param unaccent {@code unaccent}: {@code $text} ignores diacritics, as MongoDB does
 * @param postgis PostGIS: geo queries use its spherical functions (as Parse Server's adapter
 *     does); without it they use PostgreSQL's built-in geometry and a haversine distance
 */
record PgExtensions(boolean unaccent, boolean postgis) {
  static final PgExtensions NONE = new PgExtensions(false, false);

  PgGeo geo() {
    return postgis ? PgGeo.POSTGIS : PgGeo.BUILT_IN;
  }

  /**
   * Enables each extension where the server has it and the role may create it, else finds
   * whether it is already there; an extension the server lacks is simply absent.
   */
  static Future<PgExtensions> enable(SqlClient client) {
    return enable(client, "unaccent").compose(unaccent -> enable(client, "postgis")
        .map(postgis -> new PgExtensions(unaccent, postgis)));
  }

  private static Future<Boolean> enable(SqlClient client, String name) {
    // note: the name is one of two constants above, never input
    return client.query("CREATE EXTENSION IF NOT EXISTS " + name).execute().map(rows -> true)
        .recover(e -> client.query("SELECT 1 FROM pg_extension WHERE extname = '" + name + "'")
            .execute().map(rows -> rows.size() > 0))
        .otherwise(false);
  }
}
