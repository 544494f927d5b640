package io.parsevertx.data;

import io.parsevertx.cloud.CloudCode;
import io.parsevertx.cloud.SharedCloudCode;
import io.parsevertx.common.bus.BusReplies;
import io.parsevertx.common.options.ParseServerOptions;
import io.parsevertx.common.bus.EventBusAddresses;
import io.parsevertx.common.bus.ServiceRole;
import io.parsevertx.data.classes.ClassesService;
import io.parsevertx.data.functions.FunctionsService;
import io.parsevertx.data.functions.JobSchedules;
import io.parsevertx.data.functions.JobsService;
import io.parsevertx.data.functions.TriggeredClasses;
import io.parsevertx.data.hooks.HooksService;
import io.parsevertx.data.hooks.WebhookCaller;
import io.parsevertx.data.hooks.Webhooks;
import io.parsevertx.data.schema.SchemaService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * data-service: answers the {@code /classes} operations on the event bus. Ready (its health
 * address answers) once its consumers are registered and the database answers a ping.
 */
public final class DataServiceVerticle extends VerticleBase {
  private DataComponents components;
  private CloudCode cloud;
  private long scheduler = -1;

  @Override
  public Future<?> start() {
    DataServiceConfig config = DataServiceConfig.fromJson(config());
    components = DataComponents.create(vertx, config);
    ClassesService classes = components.classes();
    EventBus bus = vertx.eventBus();
    // note: the app's cloud code loads before this instance answers anything
    Webhooks hooks = new Webhooks(classes, bus);
    WebhookCaller webhookCaller = new WebhookCaller(vertx,
        config().getString(ParseServerOptions.WEBHOOK_KEY),
        config().getLong(ParseServerOptions.WEBHOOK_TIMEOUT, 30_000L));
    return components.storage().ping()
        .compose(v -> classes.ensureSystemClasses())
        .compose(v -> hooks.start(EventBusAddresses.HOOKS_CHANGED))
        .compose(hooksConsumer -> SharedCloudCode.acquire(vertx, config())
            .compose(loaded -> {
              cloud = loaded;
              TriggeredClasses writes = new TriggeredClasses(classes, loaded, hooks,
                  webhookCaller);
              FunctionsService functions = new FunctionsService(loaded, classes, hooks,
                  webhookCaller);
              List<MessageConsumer<JsonObject>> consumers = consumers(bus, classes, writes,
                  functions);
              consumers.add(hooksConsumer);
              JobsService jobs = new JobsService(loaded, classes);
              JobSchedules schedules = new JobSchedules(vertx, loaded, classes, jobs);
              consumers.add(bus.consumer(EventBusAddresses.JOBS_RUN, BusReplies.handler(
                  jobs::run)));
              consumers.add(bus.consumer(EventBusAddresses.JOB_SCHEDULES, BusReplies.handler(
                  schedules::handle)));
              if (!loaded.jobNames().isEmpty()) {
                scheduler = vertx.setPeriodic(JobSchedules.PERIOD_MILLIS, id -> schedules.scan());
              }
              consumers.add(bus.consumer(EventBusAddresses.HOOKS, BusReplies.handler(
                  new HooksService(hooks)::handle)));
              return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
            }));
  }

  private List<MessageConsumer<JsonObject>> consumers(EventBus bus, ClassesService classes,
      TriggeredClasses writes, FunctionsService functions) {
    SchemaService schemas = components.schemaService();
    List<MessageConsumer<JsonObject>> consumers = new ArrayList<>(List.of(
        bus.consumer(EventBusAddresses.CLASSES_CREATE, BusReplies.handler(writes::create)),
        bus.consumer(EventBusAddresses.CLASSES_GET, BusReplies.handler(writes::get)),
        bus.consumer(EventBusAddresses.CLASSES_GET_UNTRIGGERED,
            BusReplies.handler(classes::get)),
        bus.consumer(EventBusAddresses.CLASSES_UPDATE, BusReplies.handler(writes::update)),
        bus.consumer(EventBusAddresses.CLASSES_DELETE, BusReplies.handler(writes::delete)),
        bus.consumer(EventBusAddresses.CLASSES_FIND, BusReplies.handler(writes::find)),
        bus.consumer(EventBusAddresses.PURGE, BusReplies.handler(classes::purge)),
        bus.consumer(EventBusAddresses.BATCH_TRANSACTION,
            BusReplies.handler(components.transactions().withTriggers(writes)::run)),
        bus.consumer(EventBusAddresses.IDEMPOTENCY_RESERVE,
            BusReplies.handler(components.idempotency()::reserve)),
        bus.consumer(EventBusAddresses.AGGREGATE,
            BusReplies.handler(components.aggregates()::aggregate)),
        bus.consumer(EventBusAddresses.CONFIG_GET,
            BusReplies.handler(components.config()::get)),
        bus.consumer(EventBusAddresses.CONFIG_UPDATE,
            BusReplies.handler(components.config()::update)),
        bus.consumer(EventBusAddresses.SCHEMAS_ALL, BusReplies.handler(schemas::all)),
        bus.consumer(EventBusAddresses.SCHEMAS_GET, BusReplies.handler(schemas::get)),
        bus.consumer(EventBusAddresses.SCHEMAS_CREATE, BusReplies.handler(schemas::create)),
        bus.consumer(EventBusAddresses.SCHEMAS_UPDATE, BusReplies.handler(schemas::update)),
        bus.consumer(EventBusAddresses.SCHEMAS_DELETE, BusReplies.handler(schemas::delete)),
        bus.consumer(EventBusAddresses.FUNCTIONS_RUN, BusReplies.handler(functions::run)),
        components.schemas().listen(bus),
        components.principals().listen(bus)));
    consumers.add(bus.consumer(ServiceRole.DATA.healthAddress(), BusReplies.health(
        () -> components.storage().ping())));
    return consumers;
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(scheduler);
    if (cloud != null) {
      SharedCloudCode.release(vertx);
    }
    return components == null ? Future.succeededFuture() : components.storage().close();
  }
}
