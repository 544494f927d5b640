package io.parsevertx.cloud.java;

/** Where a {@link CloudCodeModule} registers its handlers, named as {@code Parse.Cloud}'s. */
public interface Cloud {
  void define(String name, CloudFunction function);

  void beforeSave(String className, CloudTrigger trigger);

  void afterSave(String className, CloudTrigger trigger);

  void beforeDelete(String className, CloudTrigger trigger);

  void afterDelete(String className, CloudTrigger trigger);

  /** A function's handler: its result, or a {@code Future} of it. */
  @FunctionalInterface
  interface CloudFunction {
    Object handle(FunctionRequest request) throws Exception;
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
}
