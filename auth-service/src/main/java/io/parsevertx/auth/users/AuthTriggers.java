package io.parsevertx.auth.users;

import io.parsevertx.cloud.CloudCaller;
import io.parsevertx.cloud.CloudCode;
import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.schema.ClassNames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's triggers around auth-service's operations - {@code beforeLogin} (may refuse),
 * {@code afterLogin}, {@code afterLogout}, {@code beforePasswordResetRequest} (may refuse) -
 * run in this process by the cloud code it loaded.
 */
public final class AuthTriggers {
  private static final Logger LOG = LoggerFactory.getLogger(AuthTriggers.class);
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
    return this.caller.of(null, caller).compose(call -> cloud.runTrigger(kind, className,
        call.put("original", object)));
  }
}
