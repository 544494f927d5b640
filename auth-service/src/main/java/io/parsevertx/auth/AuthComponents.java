package io.parsevertx.auth;

import io.parsevertx.cloud.CloudCode;
import io.parsevertx.auth.authdata.AuthDataAdapters;
import io.parsevertx.auth.email.AccountEmails;
import io.parsevertx.auth.email.EmailAdapter;
import io.parsevertx.auth.email.PasswordReset;
import io.parsevertx.auth.email.SmtpEmailAdapter;
import io.parsevertx.auth.mfa.HttpSmsSender;
import io.parsevertx.auth.password.PasswordHasher;
import io.parsevertx.auth.sessions.SessionOperations;
import io.parsevertx.auth.sessions.SessionService;
import io.parsevertx.auth.users.UserFields;
import io.parsevertx.auth.users.UserService;
import io.parsevertx.common.livequery.ChangePublisher;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.storage.StorageAdapter;
import io.parsevertx.storage.StorageAdapters;
import io.parsevertx.storage.schema.SchemaController;
import io.parsevertx.storage.security.PrincipalResolver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/** The one place auth-service's objects are built. */
public record AuthComponents(StorageAdapter storage, SchemaController schemas,
    PrincipalResolver principals, UserService users, SessionOperations sessions,
    AccountEmails emails, PasswordReset passwordReset) {

  /** @param cloud the app's cloud code, whose user triggers run around this service's work */
  public static AuthComponents create(Vertx vertx, AuthServiceConfig config, CloudCode cloud) {
    StorageAdapter storage = StorageAdapters.connect(vertx, config.databaseURI(),
        config.databaseOptions());
    SchemaController schemas = SchemaController.withBusInvalidation(vertx.eventBus(), storage);
    SessionService sessions = new SessionService(storage, schemas, vertx.eventBus(),
        config.expireInactiveSessions() ? config.sessionLength() : null);
    PrincipalResolver principals = new PrincipalResolver(storage, schemas);
    PasswordHasher hasher = new PasswordHasher(vertx, config.bcryptCost());
    JsonObject adapter = config.email().adapter();
    EmailAdapter mailer = adapter == null ? null
        : SmtpEmailAdapter.create(vertx, adapter.getJsonObject("options", new JsonObject()));
    Supplier<Future<ClassSchema>> userSchema = () -> schemas.enforce(ClassNames.USER,
        UserFields.types(new JsonObject()));
    AccountEmails emails = new AccountEmails(storage, userSchema, config.email(), mailer);
    UserService users = new UserService(storage, schemas, sessions, hasher, config,
        vertx.eventBus(), principals, emails,
        AuthDataAdapters.create(vertx, config.auth(), config.enableAnonymousUsers(),
            config.serverSecret()),
        config.sms() == null ? null : new HttpSmsSender(vertx, config.sms().gateway()),
        config.liveQueryUsers() ? new ChangePublisher(vertx, config.liveQueryRedisURL(),
            config.email().appId()) : change -> { }, cloud);
    PasswordReset reset = new PasswordReset(storage, userSchema, config.email(), mailer, hasher,
        config.passwordPolicy(), config.accountLockout(), sessions, users.triggers());
    return new AuthComponents(storage, schemas, principals, users,
        new SessionOperations(sessions), emails, reset);
  }
}
