package io.parsevertx.cloud.java;

/**
 * Where a {@link CloudCodeModule} registers its handlers, named as {@code Parse.Cloud}'s. Each
 * handler may return a {@code Future} to finish asynchronously; a throw (a
 * {@code ParseException} keeps its code, anything else is 141) refuses what a before-trigger
 * guards, and fails a function or a job.
 */
public interface Cloud {
  void define(String name, CloudFunction function);

  /** {@code Parse.Cloud.job}: run by {@code POST /jobs/:name} and by job schedules. */
  void job(String name, CloudJob job);

  void beforeSave(String className, CloudTrigger trigger);

  void afterSave(String className, CloudTrigger trigger);

  void beforeDelete(String className, CloudTrigger trigger);

  void afterDelete(String className, CloudTrigger trigger);

  /** May narrow or replace {@link FindRequest#query()} (edit it, or return another). */
  void beforeFind(String className, FindTrigger trigger);

  /** May change {@link FindRequest#objects()} (edit the list, or return another). */
  void afterFind(String className, FindTrigger trigger);

  /** The user in {@link TriggerRequest#object()}, before its session exists; a throw refuses. */
  void beforeLogin(CloudTrigger trigger);

  /** The user, once logged in; runs without holding the answer. */
  void afterLogin(CloudTrigger trigger);

  /** The ended {@code _Session} in {@link TriggerRequest#object()}. */
  void afterLogout(CloudTrigger trigger);

  /** The user ({@code objectId}, {@code username}, {@code email}); a throw refuses. */
  void beforePasswordResetRequest(CloudTrigger trigger);

  /**
   * A LiveQuery connection ({@code useMasterKey}, {@code sessionToken}, {@code installationId},
   * {@code clients}, {@code subscriptions} in {@link LiveRequest#data()}); a throw refuses.
   */
  void beforeConnect(LiveTrigger trigger);

  /** May narrow {@link LiveRequest#query()} ({@code where}, {@code keys}); a throw refuses. */
  void beforeSubscribe(String className, LiveTrigger trigger);

  /** A LiveQuery event before it is sent; the event's fields are in {@link LiveRequest#data()}. */
  void afterLiveQueryEvent(String className, LiveTrigger trigger);

  /** {@code beforeSave(Parse.File)}: {@link LiveRequest#file()}, {@code fileSize()}. */
  void beforeSaveFile(LiveTrigger trigger);

  void afterSaveFile(LiveTrigger trigger);

  void beforeDeleteFile(LiveTrigger trigger);

  void afterDeleteFile(LiveTrigger trigger);

  /** A function's handler: its result, or a {@code Future} of it. */
  @FunctionalInterface
  interface CloudFunction {
    Object handle(FunctionRequest request) throws Exception;
  }

  /** A job's handler: its result (kept out of {@code _JobStatus}), or a {@code Future}. */
  @FunctionalInterface
  interface CloudJob {
    Object handle(JobRequest request) throws Exception;
  }

  /**
   * A trigger's handler. A beforeSave edits {@link TriggerRequest#object()} to change what is
   * written; a throw (a {@code ParseException} keeps its code, anything else is 141) refuses.
   * It may return a {@code Future} to finish asynchronously.
   */
  @FunctionalInterface
  interface CloudTrigger {
    Object handle(TriggerRequest request) throws Exception;
  }

  /**
   * A beforeFind's or afterFind's handler: null (what it left in the request counts), or the
   * query (a {@code JsonObject}) or the objects (a {@code List} or {@code JsonArray}) to use.
   */
  @FunctionalInterface
  interface FindTrigger {
    Object handle(FindRequest request) throws Exception;
  }

  /** A LiveQuery or {@code Parse.File} trigger's handler; a beforeSubscribe may return a query. */
  @FunctionalInterface
  interface LiveTrigger {
    Object handle(LiveRequest request) throws Exception;
  }
}
