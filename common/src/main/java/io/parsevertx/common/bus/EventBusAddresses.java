package io.parsevertx.common.bus;

/** Every event-bus address of the suite, declared once. */
public final class EventBusAddresses {
  public static final String PREFIX = "parse.";

  public static final String CLASSES_CREATE = PREFIX + "data.classes.create";
  public static final String CLASSES_GET = PREFIX + "data.classes.get";
  public static final String CLASSES_UPDATE = PREFIX + "data.classes.update";
  public static final String CLASSES_DELETE = PREFIX + "data.classes.delete";
  public static final String CLASSES_FIND = PREFIX + "data.classes.find";

  /** Message header carrying the request id, so every service logs it. */
  public static final String REQUEST_ID_HEADER = "requestId";

  private EventBusAddresses() {}
}
