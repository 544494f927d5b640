package io.parsevertx.data.functions;

import io.parsevertx.cloud.CloudCode;
import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.data.classes.ClassesService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * {@code POST /functions/:name}: builds Parse's function request (params, master, the calling
 * user, installationId, ip) and runs the app's handler in Cloud Code.
 */
public final class FunctionsService {
  /** The params key that carries the function's name on the bus. */
  public static final String FUNCTION_NAME = "functionName";

  private final CloudCode cloud;
  private final ClassesService classes;

  public FunctionsService(CloudCode cloud, ClassesService classes) {
    this.cloud = cloud;
    this.classes = classes;
  }

  public Future<JsonObject> run(ServiceRequest request) {
    String name = request.params().getString(FUNCTION_NAME);
    if (name == null || name.isBlank()) {
      return Future.failedFuture(new ParseException(ParseErrorCode.SCRIPT_FAILED,
          "Invalid function: \"\""));
    }
    AuthContext auth = request.auth();
    return caller(request).compose(user -> {
      JsonObject call = new JsonObject().put("params", request.body())
          .put("master", auth.master()).put("installationId", auth.installationId())
          .put("ip", auth.ip());
      if (user != null) {
        call.put("user", user.put("sessionToken", auth.sessionToken()));
      }
      return cloud.runFunction(name, call);
    });
  }

  /** The caller's {@code _User}, as the handler's {@code request.user}; null when anonymous. */
  private Future<JsonObject> caller(ServiceRequest request) {
    String userId = request.auth().userId();
    if (userId == null) {
      return Future.succeededFuture(null);
    }
    return classes.get(new ServiceRequest(request.requestId(), AuthContext.masterKey(),
        ClassNames.USER, userId, null, null));
  }
}
