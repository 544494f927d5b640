package io.parsevertx.storage;

import io.parsevertx.storage.mongo.MongoStorageAdapter;
import io.parsevertx.storage.postgres.PostgresStorageAdapter;
import io.vertx.core.Vertx;

/** The storage adapter a {@code databaseURI} names: PostgreSQL or MongoDB, as in Parse Server. */
public final class StorageAdapters {
  /** Connections per service process; PostgreSQL's default limit is 100. */
  private static final int POSTGRES_POOL_SIZE = 16;

  private StorageAdapters() {}

  /**
   * @param databaseURI {@code postgres://} or {@code postgresql://} for PostgreSQL,
   *     {@code mongodb://} (or {@code mongodb+srv://}) for MongoDB
   */
  public static StorageAdapter connect(Vertx vertx, String databaseURI) {
    if (PostgresStorageAdapter.handles(databaseURI)) {
      return PostgresStorageAdapter.connect(vertx, databaseURI, POSTGRES_POOL_SIZE);
    }
    return MongoStorageAdapter.connect(vertx, databaseURI);
  }
}
