package io.parsevertx.auth;

import io.parsevertx.auth.password.PasswordHasher;
import io.parsevertx.auth.sessions.SessionOperations;
import io.parsevertx.auth.sessions.SessionService;
import io.parsevertx.auth.users.UserService;
import io.parsevertx.storage.StorageAdapter;
import io.parsevertx.storage.mongo.MongoStorageAdapter;
import io.parsevertx.storage.schema.SchemaController;
import io.parsevertx.storage.security.PrincipalResolver;
import io.vertx.core.Vertx;

/** The one place auth-service's objects are built. */
public record AuthComponents(StorageAdapter storage, SchemaController schemas,
    PrincipalResolver principals, UserService users, SessionOperations sessions) {

  public static AuthComponents create(Vertx vertx, AuthServiceConfig config) {
    StorageAdapter storage = MongoStorageAdapter.connect(vertx, config.databaseURI());
    SchemaController schemas = SchemaController.withBusInvalidation(vertx.eventBus(), storage);
    SessionService sessions = new SessionService(storage, schemas, vertx.eventBus(),
        config.sessionLength());
    PrincipalResolver principals = new PrincipalResolver(storage, schemas);
    UserService users = new UserService(storage, schemas, sessions,
        new PasswordHasher(vertx, config.bcryptCost()), config, vertx.eventBus(), principals);
    return new AuthComponents(storage, schemas, principals, users,
        new SessionOperations(sessions));
  }
}
