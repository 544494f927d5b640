package io.parsevertx.storage;

import io.parsevertx.storage.mongo.MongoStorageAdapter;
import io.parsevertx.storage.postgres.PostgresStorageAdapter;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** The storage adapter a {@code databaseURI} names: PostgreSQL or MongoDB, as in Parse Server. */
public final class StorageAdapters {
  private StorageAdapters() {}

  /**
   * @param databaseURI {@code postgres://} or {@code postgresql://} for PostgreSQL,
   *     {@code mongodb://} (or {@code mongodb+srv://}) for MongoDB
   * @param databaseOptions the {@code databaseOptions} option, or null
   */
  public static StorageAdapter connect(Vertx vertx, String databaseURI,
      JsonObject databaseOptions) {
    if (PostgresStorageAdapter.handles(databaseURI)) {
      return PostgresStorageAdapter.connect(vertx, databaseURI, databaseOptions);
    }
    return MongoStorageAdapter.connect(vertx, databaseURI);
  }

  /**
   * Checks the database options at start.
   *
   * @throws io.parsevertx.common.options.OptionsException naming a wrong one
   */
  public static void check(String databaseURI, JsonObject databaseOptions) {
    if (PostgresStorageAdapter.handles(databaseURI)) {
      PostgresStorageAdapter.checkSettings(databaseURI, databaseOptions);
    }
  }
}
