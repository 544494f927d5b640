package io.parsevertx.server;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The database behind a test suite, read and written around the server, in whichever layout
 * it has (Parse Server's MongoDB or PostgreSQL one): what tests need to check what is stored
 * (hashes, sealed secrets) and to plant what Parse Server would have written.
 */
public final class RawStore {
  private final Vertx vertx;
  private final String uri;

  public RawStore(Vertx vertx, String databaseUri) {
    this.vertx = vertx;
    this.uri = databaseUri;
  }

  private boolean postgres() {
    return uri.startsWith("postgres");
  }

  private <T> T withPostgres(java.util.function.Function<Pool, io.vertx.core.Future<T>> work) {
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(
        uri.replaceFirst("^postgres://", "postgresql://"))).using(vertx).build();
    try {
      return work.apply(pool).await();
    } finally {
      pool.close().await();
    }
  }

  private <T> T withMongo(java.util.function.Function<MongoClient, io.vertx.core.Future<T>> work) {
    MongoClient client = MongoClient.create(vertx, new JsonObject().put("connection_string",
        uri));
    try {
      return work.apply(client).await();
    } finally {
      client.close().await();
    }
  }

  /** The stored user: a MongoDB document or the row as JSON. */
  public JsonObject user(String objectId) {
    return postgres() ? userRow("objectId", objectId) : withMongo(client -> client.findOne(
        "_User", new JsonObject().put("_id", objectId), null));
  }

  /** The stored user with this username. */
  public JsonObject userNamed(String username) {
    return postgres() ? userRow("username", username) : withMongo(client -> client.findOne(
        "_User", new JsonObject().put("username", username), null));
  }

  private JsonObject userRow(String column, String value) {
    return withPostgres(pool -> pool.preparedQuery("SELECT row_to_json(u)::text FROM "
        + "\"_User\" u WHERE \"" + column + "\" = $1").execute(Tuple.of(value))
        .map(rows -> new JsonObject(rows.iterator().next().getString(0))));
  }

  /** Some stored session. */
  public JsonObject anySession() {
    if (postgres()) {
      return withPostgres(pool -> pool.query("SELECT row_to_json(s)::text FROM \"_Session\" s "
          + "LIMIT 1").execute().map(rows -> new JsonObject(rows.iterator().next()
          .getString(0))));
    }
    return withMongo(client -> client.findOne("_Session", new JsonObject(), null));
  }

  /** A provider's stored authData in a raw user. */
  public JsonObject authData(JsonObject raw, String provider) {
    return postgres() ? raw.getJsonObject("authData").getJsonObject(provider)
        : raw.getJsonObject("_auth_data_" + provider);
  }

  /** A stored date field of a raw user. */
  public Instant date(JsonObject raw, String field) {
    return postgres() ? OffsetDateTime.parse(raw.getString(field)).toInstant()
        : Instant.parse(raw.getJsonObject(field).getString("$date"));
  }

  /** Merges {@code values} into the user's stored {@code authData.<provider>}. */
  public void mergeAuthData(String objectId, String provider, JsonObject values) {
    if (postgres()) {
      withPostgres(pool -> pool.preparedQuery("UPDATE \"_User\" SET \"authData\" = jsonb_set("
          + "\"authData\", ARRAY[$2::text], (\"authData\" -> $2::text) || $3::jsonb) WHERE "
          + "\"objectId\" = $1").execute(Tuple.of(objectId, provider, values)));
      return;
    }
    JsonObject set = new JsonObject();
    values.forEach(e -> set.put("_auth_data_" + provider + "." + e.getKey(), e.getValue()));
    withMongo(client -> client.updateCollection("_User", new JsonObject().put("_id", objectId),
        new JsonObject().put("$set", set)));
  }

  /** A user as Parse Server would have stored it, with a password changed at {@code changed}. */
  public void insertUser(String objectId, String username, String bcryptHash, Instant changed) {
    if (postgres()) {
      withPostgres(pool -> pool.preparedQuery("INSERT INTO \"_User\" (\"objectId\", "
          + "\"username\", \"_hashed_password\", \"_password_changed_at\", \"createdAt\", "
          + "\"updatedAt\") VALUES ($1, $2, $3, $4, $4, $4)").execute(Tuple.of(objectId,
          username, bcryptHash, changed.atOffset(java.time.ZoneOffset.UTC))));
      return;
    }
    JsonObject date = new JsonObject().put("$date", changed.toString());
    withMongo(client -> client.insert("_User", new JsonObject().put("_id", objectId)
        .put("username", username).put("_hashed_password", bcryptHash)
        .put("_password_changed_at", date).put("_created_at", date).put("_updated_at", date)));
  }
}
