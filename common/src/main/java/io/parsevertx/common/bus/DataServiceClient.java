package io.parsevertx.common.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Typed client of data-service over the event bus. Every call fails with a
 * {@link io.parsevertx.common.error.ParseException}: the service's own code, or
 * {@code SERVICE_UNAVAILABLE} (2) when no instance answers within the timeout.
 */
public final class DataServiceClient {
  private final EventBus eventBus;
  private final long timeoutMillis;

  public DataServiceClient(EventBus eventBus, long timeoutMillis) {
    this.eventBus = eventBus;
    this.timeoutMillis = timeoutMillis;
  }

  /** @return {@code {"objectId","createdAt"}} of the new object */
  public Future<JsonObject> create(ServiceRequest request) {
    return send(EventBusAddresses.CLASSES_CREATE, request);
  }

  /** @return the object; fails with 101 when it does not exist */
  public Future<JsonObject> get(ServiceRequest request) {
    return send(EventBusAddresses.CLASSES_GET, request);
  }

  /** As {@link #get}, for a service's own bookkeeping: the app's find triggers do not run. */
  public Future<JsonObject> getUntriggered(ServiceRequest request) {
    return send(EventBusAddresses.CLASSES_GET_UNTRIGGERED, request);
  }

  /** @return {@code {"updatedAt"}}; fails with 101 when the object does not exist */
  public Future<JsonObject> update(ServiceRequest request) {
    return send(EventBusAddresses.CLASSES_UPDATE, request);
  }

  /** @return {@code {}}; fails with 101 when the object does not exist */
  public Future<JsonObject> delete(ServiceRequest request) {
    return send(EventBusAddresses.CLASSES_DELETE, request);
  }

  /** @return {@code {"results":[...]}} and {@code "count"} when asked for */
  public Future<JsonObject> find(ServiceRequest request) {
    return send(EventBusAddresses.CLASSES_FIND, request);
  }

  /** @return {@code {"results":[schema...]}}; master key only */
  public Future<JsonObject> allSchemas(ServiceRequest request) {
    return send(EventBusAddresses.SCHEMAS_ALL, request);
  }

  /** @return the class's schema; fails with 103 when the class does not exist */
  public Future<JsonObject> getSchema(ServiceRequest request) {
    return send(EventBusAddresses.SCHEMAS_GET, request);
  }

  /** @return the new schema; fails with 103 when the class exists, 105/111/135/136 for fields */
  public Future<JsonObject> createSchema(ServiceRequest request) {
    return send(EventBusAddresses.SCHEMAS_CREATE, request);
  }

  /** @return the changed schema; fails with 103 for a missing class, 255 for a bad change */
  public Future<JsonObject> updateSchema(ServiceRequest request) {
    return send(EventBusAddresses.SCHEMAS_UPDATE, request);
  }

  /** @return {@code {}}; fails with 255 when the class still has objects */
  public Future<JsonObject> deleteSchema(ServiceRequest request) {
    return send(EventBusAddresses.SCHEMAS_DELETE, request);
  }

  /** @return {@code {"params":{...}}}, master-key-only params hidden from clients */
  /** The params field naming the function {@link #runFunction} runs. */
  public static final String FUNCTION_NAME = "functionName";

  /** @return {@code {"result": ...}}; the function's name in params {@link #FUNCTION_NAME} */
  public Future<JsonObject> runFunction(ServiceRequest request) {
    return send(EventBusAddresses.FUNCTIONS_RUN, request);
  }

  /** The reply field carrying the {@code _JobStatus} objectId (the gateway makes it a header). */
  public static final String JOB_STATUS_ID = "jobStatusId";

  /** @return {@code {}} plus {@link #JOB_STATUS_ID}; the job runs on in the background */
  public Future<JsonObject> runJob(ServiceRequest request) {
    return send(EventBusAddresses.JOBS_RUN, request);
  }

  /** {@code /cloud_code/jobs[...]}; params {@code method} and {@code path} */
  public Future<JsonObject> jobSchedules(ServiceRequest request) {
    return send(EventBusAddresses.JOB_SCHEDULES, request);
  }

  /** {@code /hooks/functions|triggers[...]}; params {@code method} and {@code path} */
  public Future<JsonObject> hooks(ServiceRequest request) {
    return send(EventBusAddresses.HOOKS, request);
  }

  public Future<JsonObject> getConfig(ServiceRequest request) {
    return send(EventBusAddresses.CONFIG_GET, request);
  }

  /** @return {@code {"result":true}}; master key only */
  public Future<JsonObject> updateConfig(ServiceRequest request) {
    return send(EventBusAddresses.CONFIG_UPDATE, request);
  }

  /** @return {@code {}} once every object of the class is deleted; master key only */
  public Future<JsonObject> purge(ServiceRequest request) {
    return send(EventBusAddresses.PURGE, request);
  }

  /** @return {@code {"results":[...]}}; master key only */
  public Future<JsonObject> aggregate(ServiceRequest request) {
    return send(EventBusAddresses.AGGREGATE, request);
  }

  /**
   * Runs {@code body.operations} (each {@code {"kind", "request"}}) in one database
   * transaction.
   *
   * @return {@code {"results": [{"success": ...}]}}; fails with the first failing request's
   *     error (nothing then took effect), or 108 where the database has no transactions
   */
  public Future<JsonObject> transaction(ServiceRequest request) {
    return send(EventBusAddresses.BATCH_TRANSACTION, request);
  }

  /**
   * Records a request id for {@code body.ttl} seconds ({@code body.requestId}).
   *
   * @return fails with 159 when the id was seen within its ttl
   */
  public Future<JsonObject> reserveRequestId(ServiceRequest request) {
    return send(EventBusAddresses.IDEMPOTENCY_RESERVE, request);
  }

  private Future<JsonObject> send(String address, ServiceRequest request) {
    return BusRequests.send(eventBus, timeoutMillis, address, request);
  }
}
