package io.parsevertx.common.bus;

/** Every event-bus address of the suite, declared once. */
public final class EventBusAddresses {
  public static final String PREFIX = "parse.";

  public static final String CLASSES_CREATE = PREFIX + "data.classes.create";
  public static final String CLASSES_GET = PREFIX + "data.classes.get";
  public static final String CLASSES_UPDATE = PREFIX + "data.classes.update";
  public static final String CLASSES_DELETE = PREFIX + "data.classes.delete";
  public static final String CLASSES_FIND = PREFIX + "data.classes.find";

  public static final String SCHEMAS_ALL = PREFIX + "data.schemas.all";
  public static final String SCHEMAS_GET = PREFIX + "data.schemas.get";
  public static final String SCHEMAS_CREATE = PREFIX + "data.schemas.create";
  public static final String SCHEMAS_UPDATE = PREFIX + "data.schemas.update";
  public static final String SCHEMAS_DELETE = PREFIX + "data.schemas.delete";

  public static final String CONFIG_GET = PREFIX + "data.config.get";
  public static final String CONFIG_UPDATE = PREFIX + "data.config.update";
  public static final String PURGE = PREFIX + "data.purge";
  public static final String AGGREGATE = PREFIX + "data.aggregate";
  public static final String IDEMPOTENCY_RESERVE = PREFIX + "data.idempotency.reserve";

  /** Published (to every process) when a class schema changes: body {"className": ...}. */
  public static final String SCHEMA_CHANGED = PREFIX + "data.schema.changed";

  /** Message header carrying the request id, so every service logs it. */
  public static final String REQUEST_ID_HEADER = "requestId";

  private EventBusAddresses() {}
}
