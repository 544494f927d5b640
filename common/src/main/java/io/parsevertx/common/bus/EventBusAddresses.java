package io.parsevertx.common.bus;

/** Every event-bus address of the suite, declared once. */
public final class EventBusAddresses {
  public static final String PREFIX = "parse.";

  public static final String CLASSES_CREATE = PREFIX + "data.classes.create";
  public static final String CLASSES_GET = PREFIX + "data.classes.get";
  /**
   * A get another service makes for its own bookkeeping (the user a trigger's request names):
   * no beforeFind/afterFind runs, as Parse Server skips them on its internal lookups.
   */
  public static final String CLASSES_GET_UNTRIGGERED = PREFIX + "data.classes.get.untriggered";
  public static final String CLASSES_UPDATE = PREFIX + "data.classes.update";
  public static final String CLASSES_DELETE = PREFIX + "data.classes.delete";
  public static final String CLASSES_FIND = PREFIX + "data.classes.find";
  /** {@code POST /batch} with {@code transaction: true}, run by data-service as one. */
  public static final String BATCH_TRANSACTION = PREFIX + "data.batch.transaction";

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

  public static final String USERS_SIGN_UP = PREFIX + "auth.users.signUp";
  public static final String USERS_LOG_IN = PREFIX + "auth.users.logIn";
  public static final String USERS_LOG_OUT = PREFIX + "auth.users.logOut";
  public static final String USERS_ME = PREFIX + "auth.users.me";
  public static final String USERS_VERIFY_PASSWORD = PREFIX + "auth.users.verifyPassword";
  public static final String USERS_UPDATE = PREFIX + "auth.users.update";
  public static final String USERS_CHALLENGE = PREFIX + "auth.users.challenge";
  public static final String USERS_DELETE = PREFIX + "auth.users.delete";
  public static final String EMAIL_VERIFY = PREFIX + "auth.email.verify";
  public static final String EMAIL_RESEND_VERIFICATION = PREFIX + "auth.email.resend";
  public static final String PASSWORD_RESET_REQUEST = PREFIX + "auth.password.resetRequest";
  public static final String PASSWORD_RESET_CHECK = PREFIX + "auth.password.resetCheck";
  public static final String PASSWORD_RESET = PREFIX + "auth.password.reset";
  public static final String SESSIONS_RESOLVE = PREFIX + "auth.sessions.resolve";
  public static final String SESSIONS_ME = PREFIX + "auth.sessions.me";
  public static final String SESSIONS_UPGRADE = PREFIX + "auth.sessions.upgrade";
  public static final String SESSIONS_LIST = PREFIX + "auth.sessions.list";
  public static final String SESSIONS_DELETE = PREFIX + "auth.sessions.delete";
  public static final String SESSIONS_UPDATE = PREFIX + "auth.sessions.update";

  /**
   * Published when sessions stop being valid: body {"sessionToken": ...} for one session or
   * {"userId": ...} for all of a user's (password change, user deleted).
   */
  public static final String SESSIONS_INVALIDATED = PREFIX + "auth.sessions.invalidated";
  /** Answered by files-service with {@code {"host","port"}} of its HTTP endpoint. */
  public static final String FILES_ENDPOINT = PREFIX + "files.endpoint";
  /** {@code POST /push}: answered by push-service with {@code {"result":true,"pushStatusId"}}. */
  public static final String PUSH_SEND = PREFIX + "push.send";
  /** Published when a push is scheduled, so an idle push-service picks it up: body {}. */
  public static final String PUSH_SCHEDULED = PREFIX + "push.scheduled";
  /** Published when a push has slices to send, so every push-service takes some: body {}. */
  public static final String PUSH_WORK = PREFIX + "push.work";
  /** {@code POST /functions/:name}: params {@code functionName}, body the function's params. */
  public static final String FUNCTIONS_RUN = PREFIX + "data.functions.run";
  /** {@code POST /jobs/:name}: params {@code jobName}; the reply carries {@code jobStatusId}. */
  public static final String JOBS_RUN = PREFIX + "data.jobs.run";
  /** {@code /hooks/...}: params {@code method} and {@code path} (below /hooks), master only. */
  public static final String HOOKS = PREFIX + "data.hooks";
  /** {@code /cloud_code/jobs[/data|/:objectId]}: params {@code method} and {@code path}. */
  public static final String JOB_SCHEDULES = PREFIX + "data.jobs.schedules";
  /** Published when a webhook is declared, changed or removed: every data-service reloads. */
  public static final String HOOKS_CHANGED = PREFIX + "data.hooks.changed";
  /** Published by data-service for each change of a LiveQuery class ({@code ObjectChange}). */
  public static final String LIVEQUERY_CHANGES = PREFIX + "livequery.changes";

  /** Published (to every process) when a role, its users or its roles change: body {}. */
  public static final String ROLES_CHANGED = PREFIX + "data.roles.changed";

  /** Published (to every process) when a class schema changes: body {"className": ...}. */
  public static final String SCHEMA_CHANGED = PREFIX + "data.schema.changed";

  /** Message header carrying the request id, so every service logs it. */
  public static final String REQUEST_ID_HEADER = "requestId";

  private EventBusAddresses() {}
}
