package io.parsevertx.auth.users;

import io.parsevertx.cloud.CloudCaller;
import io.parsevertx.cloud.CloudCode;
import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.schema.ClassNames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's triggers around auth-service's operations - {@code beforeLogin} (may refuse),
 * {@code afterLogin}, {@code afterLogout}, {@code beforePasswordResetRequest} (may refuse),
 * and the save and delete triggers of {@code _User} around sign-ups, user updates and
 * deletions - run in this process by the cloud code it loaded.
 */
public final class AuthTriggers {
  private static final Logger LOG = LoggerFactory.getLogger(AuthTriggers.class);
  public static final String BEFORE_SAVE = "beforeSave";
  public static final String AFTER_SAVE = "afterSave";
  public static final String BEFORE_DELETE = "beforeDelete";
  public static final String AFTER_DELETE = "afterDelete";
  private final CloudCode cloud;
  private final CloudCaller caller;

  public AuthTriggers(CloudCode cloud, CloudCaller caller) {
    this.cloud = cloud;
    this.caller = caller;
  }

  /** A before-trigger: fails with the handler's error, which refuses the operation. */
  public Future<Void> before(String kind, JsonObject user, AuthContext caller) {
    return run(kind, ClassNames.USER, user, caller).mapEmpty();
  }

  /**
   * {@code beforeSave} on {@code _User} (a sign-up, or an update of {@code original}).
   *
   * @return the body to write as the handler left it; fails with the handler's error
   */
  public Future<JsonObject> beforeSave(ServiceRequest request, JsonObject original,
      JsonObject changes) {
    if (!cloud.hasTrigger(BEFORE_SAVE, ClassNames.USER)) {
      return Future.succeededFuture(changes);
    }
    return this.caller.of(request).compose(call -> {
      call.put("changes", changes);
      if (original != null) {
        call.put("original", original);
      }
      return cloud.runTrigger(BEFORE_SAVE, ClassNames.USER, call);
    }).map(outcome -> {
      keepContext(request, outcome);
      return CloudCode.bodyAfterBeforeSave(changes, outcome);
    });
  }

  /**
   * The context as beforeSave left it goes on to afterSave, as in Parse: kept in the request's
   * params, where {@link #afterSave} (through {@link CloudCaller#of(ServiceRequest)}) reads it.
   */
  private static void keepContext(ServiceRequest request, JsonObject outcome) {
    if (request.params() != null && outcome.getValue("context") instanceof JsonObject context) {
      request.params().put(ServiceRequest.CLOUD_CONTEXT, context);
    }
  }

  /** {@code afterSave} on {@code _User}: {@code saved} as stored, {@code previous} before. */
  public void afterSave(ServiceRequest request, JsonObject previous, JsonObject saved) {
    if (!cloud.hasTrigger(AFTER_SAVE, ClassNames.USER)) {
      return;
    }
    this.caller.of(request).compose(call -> {
      call.put("original", saved);
      if (previous != null) {
        call.put("previous", previous);
      }
      return cloud.runTrigger(AFTER_SAVE, ClassNames.USER, call);
    }).onFailure(e -> LOG.warn("event=cloud_after_trigger_failed trigger={} error={}",
        AFTER_SAVE, e.getMessage()));
  }

  /** {@code beforeDelete} on {@code _User}: fails with the handler's error, which keeps it. */
  public Future<Void> beforeDelete(ServiceRequest request, JsonObject user) {
    return runFor(BEFORE_DELETE, request, user).map(outcome -> {
      keepContext(request, outcome);
      return null;
    });
  }

  /** {@code afterDelete} on {@code _User}: runs without holding the answer. */
  public void afterDelete(ServiceRequest request, JsonObject user) {
    runFor(AFTER_DELETE, request, user).onFailure(e -> LOG.warn(
        "event=cloud_after_trigger_failed trigger={} error={}", AFTER_DELETE, e.getMessage()));
  }

  private Future<JsonObject> runFor(String kind, ServiceRequest request, JsonObject user) {
    if (!cloud.hasTrigger(kind, ClassNames.USER)) {
      return Future.succeededFuture(new JsonObject());
    }
    // note: the user is passed in, as one who deleted themselves can no longer be read
    return caller.of(request.requestId(), request.auth(), user)
        .map(call -> CloudCaller.withRequest(call, request))
        .compose(call -> cloud.runTrigger(kind, ClassNames.USER, call.put("original", user)));
  }

  /** Whether the app has {@code kind} on {@code _User}: then the stored user is read for it. */
  public boolean has(String kind) {
    return cloud.hasTrigger(kind, ClassNames.USER);
  }

  /** An after-trigger: runs without holding the answer; a failure is logged. */
  public void after(String kind, String className, JsonObject object, AuthContext caller) {
    run(kind, className, object, caller).onFailure(e -> LOG.warn(
        "event=cloud_after_trigger_failed trigger={} error={}", kind, e.getMessage()));
  }

  private Future<JsonObject> run(String kind, String className, JsonObject object,
      AuthContext caller) {
    if (!cloud.hasTrigger(kind, className)) {
      return Future.succeededFuture(new JsonObject());
    }
    return this.caller.of(null, caller, object).compose(call -> cloud.runTrigger(kind,
        className, call.put("original", object)));
  }
}
