package io.parsevertx.data.functions;

import io.parsevertx.cloud.CloudCaller;
import io.parsevertx.cloud.CloudCode;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.data.classes.ClassesService;
import io.parsevertx.data.hooks.WebhookCaller;
import io.parsevertx.data.hooks.Webhooks;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * {@code POST /functions/:name}: builds Parse's function request (params, master, the calling
 * user, installationId, ip) and runs the app's handler in Cloud Code.
 */
public final class FunctionsService {
  /** The params key that carries the function's name on the bus. */
  public static final String FUNCTION_NAME = DataServiceClient.FUNCTION_NAME;

  private final CloudCode cloud;
  private final CloudCaller caller;
  private final Webhooks hooks;
  private final WebhookCaller webhooks;

  public FunctionsService(CloudCode cloud, ClassesService classes, Webhooks hooks,
      WebhookCaller webhooks) {
    this.cloud = cloud;
    this.caller = new CloudCaller(classes::get);
    this.hooks = hooks;
    this.webhooks = webhooks;
  }

  public Future<JsonObject> run(ServiceRequest request) {
    String name = request.params().getString(FUNCTION_NAME);
    if (name == null || name.isBlank()) {
      return Future.failedFuture(new ParseException(ParseErrorCode.SCRIPT_FAILED,
          "Invalid function: \"\""));
    }
    // note: a function declared through /hooks is answered by its webhook
    return caller.of(request).compose(call -> hooks.functionUrl(name)
        .map(url -> webhooks.call(url, call.copy().put("params", request.body())
            .put("functionName", name)).map(result -> new JsonObject().put("result", result)))
        .orElseGet(() -> cloud.runFunction(name, call.put("params", request.body()))));
  }
}
