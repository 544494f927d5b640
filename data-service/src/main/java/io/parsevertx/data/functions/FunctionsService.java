package io.parsevertx.data.functions;

import io.parsevertx.cloud.CloudCode;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
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
  private final CloudCaller caller;

  public FunctionsService(CloudCode cloud, ClassesService classes) {
    this.cloud = cloud;
    this.caller = new CloudCaller(classes);
  }

  public Future<JsonObject> run(ServiceRequest request) {
    String name = request.params().getString(FUNCTION_NAME);
    if (name == null || name.isBlank()) {
      return Future.failedFuture(new ParseException(ParseErrorCode.SCRIPT_FAILED,
          "Invalid function: \"\""));
    }
    return caller.of(request).compose(call -> cloud.runFunction(name,
        call.put("params", request.body())));
  }
}
