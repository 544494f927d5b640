package io.parsevertx.auth;

import io.parsevertx.auth.password.PasswordHasher;
import io.parsevertx.auth.sessions.SessionOperations;
import io.parsevertx.auth.sessions.SessionService;
import io.parsevertx.auth.users.UserService;
import io.parsevertx.storage.StorageAdapter;
import io.parsevertx.storage.mongo.MongoStorageAdapter;
import io.parsevertx.storage.schema.SchemaController;
import io.vertx.core.Vertx;

/** The one place auth-service's objects are built. */
public record AuthComponents(StorageAdapter storage, SchemaController schemas,
    UserService users, SessionOperations sessions) {

  public static AuthComponents create(Vertx vertx, AuthServiceConfig config) {
    StorageAdapter storage = MongoStorageAdapter.connect(vertx, config.databaseURI());
    SchemaController schemas = SchemaController.withBusInvalidation(vertx.eventBus(), storage);
    SessionService sessions = new SessionService(storage, schemas, vertx.eventBus(),
        config.sessionLength());
    UserService users = new UserService(storage, schemas, sessions,
        new PasswordHasher(vertx, config.bcryptCost()), config, vertx.eventBus());
    return new AuthComponents(storage, schemas, users, new SessionOperations(sessions));
  }
}
