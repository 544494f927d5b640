package io.parsevertx.data;

import io.parsevertx.common.bus.EventBusAddresses;
import io.parsevertx.data.aggregate.AggregateService;
import io.parsevertx.data.batch.TransactionalBatch;
import io.parsevertx.common.livequery.ChangePublisher;
import io.parsevertx.data.classes.ClassesService;
import io.parsevertx.data.config.ConfigService;
import io.parsevertx.data.idempotency.IdempotencyService;
import io.parsevertx.data.schema.SchemaService;
import io.parsevertx.storage.StorageAdapter;
import io.parsevertx.storage.StorageAdapters;
import io.parsevertx.storage.schema.SchemaController;
import io.parsevertx.storage.security.PrincipalResolver;
import io.parsevertx.common.livequery.ObjectChange;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import io.vertx.core.json.JsonObject;

/** The one place data-service's objects are built; tests reuse it with their own storage. */
public record DataComponents(StorageAdapter storage, SchemaController schemas,
    PrincipalResolver principals,
    ClassesService classes, SchemaService schemaService, ConfigService config,
    AggregateService aggregates, IdempotencyService idempotency,
    TransactionalBatch transactions) {

  public static DataComponents create(Vertx vertx, DataServiceConfig config) {
    return create(vertx, StorageAdapters.connect(vertx, config.databaseURI(),
        config.databaseOptions()), config);
  }

  /** Schema changes are published on the event bus, so every process drops its cached copy. */
  public static DataComponents create(Vertx vertx, StorageAdapter storage,
      DataServiceConfig config) {
    SchemaController schemas = SchemaController.withBusInvalidation(vertx.eventBus(), storage);
    PrincipalResolver principals = new PrincipalResolver(storage, schemas);
    Runnable rolesChanged = () -> vertx.eventBus().publish(EventBusAddresses.ROLES_CHANGED,
        new JsonObject());
    Consumer<ObjectChange> liveChanges = new ChangePublisher(vertx, config.liveQueryRedisURL(),
        config.appId());
    ClassesService classes = new ClassesService(storage, schemas, config, principals,
        rolesChanged, liveChanges);
    return new DataComponents(storage, schemas, principals, classes,
        new SchemaService(storage, schemas), new ConfigService(storage),
        new AggregateService(storage, schemas), new IdempotencyService(storage, schemas),
        new TransactionalBatch(storage, classes, SchemaController.busPublisher(
            vertx.eventBus()), rolesChanged, liveChanges));
  }
}
