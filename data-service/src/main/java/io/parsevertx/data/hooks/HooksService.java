package io.parsevertx.data.hooks;

import io.parsevertx.common.bus.EventBusAddresses;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.options.OptionsValidator;
import io.parsevertx.common.schema.ClassNames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * {@code /hooks/functions[/:name]} and {@code /hooks/triggers[/:className/:triggerName]} with the
 * master key, as Parse Server answers them: GET lists or shows, POST declares (143 when it
 * exists), PUT changes the url (or deletes, with {@code {"__op": "Delete"}}), DELETE removes.
 * A list is answered as {@code {"results": [...]}}; the gateway sends the array itself.
 */
public final class HooksService {
  public static final Set<String> TRIGGERS = Set.of("beforeSave", "afterSave", "beforeDelete",
      "afterDelete", "beforeFind", "afterFind");
  private static final String CHANGED = EventBusAddresses.HOOKS_CHANGED;

  private final Webhooks hooks;

  public HooksService(Webhooks hooks) {
    this.hooks = hooks;
  }

  public Future<JsonObject> handle(ServiceRequest request) {
    if (!request.auth().master()) {
      return Future.failedFuture(new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
          "unauthorized: master key is required"));
    }
    String method = request.params().getString("method", "GET");
    String[] path = request.params().getString("path", "").replaceFirst("^/+", "").split("/");
    JsonObject body = request.body();
    return switch (path[0]) {
      case "functions" -> functions(method, path.length > 1 ? path[1] : null, body);
      case "triggers" -> triggers(method, path.length > 2 ? path[1] : null,
          path.length > 2 ? path[2] : null, body);
      default -> Future.failedFuture(Webhooks.declarationError("invalid hook declaration"));
    };
  }

  private Future<JsonObject> functions(String method, String name, JsonObject body) {
    if (name == null) {
      if ("GET".equals(method)) {
        return Future.succeededFuture(new JsonObject().put("results", hooks.allFunctions()));
      }
      String declared = body.getString("functionName");
      String url = body.getString("url");
      if (!"POST".equals(method) || declared == null || !isHttpUrl(url)) {
        return Future.failedFuture(Webhooks.declarationError("invalid hook declaration"));
      }
      if (hooks.function(declared).isPresent()) {
        return Future.failedFuture(Webhooks.declarationError("function name: " + declared
            + " already exists"));
      }
      JsonObject declaration = new JsonObject().put("functionName", declared).put("url", url);
      return hooks.save(null, declaration.copy().put("ACL", new JsonObject()), CHANGED)
          .map(declaration);
    }
    String missing = "no function named: " + name + " is defined";
    return switch (method) {
      case "GET" -> hooks.function(name).map(Future::succeededFuture)
          .orElseGet(() -> Future.failedFuture(Webhooks.declarationError(missing)));
      case "PUT", "DELETE" -> hooks.idOfFunction(name).map(id -> deleting(method, body)
              ? hooks.remove(id, CHANGED).map(new JsonObject())
              : update(id, body).map(new JsonObject().put("functionName", name)
                  .put("url", body.getString("url"))))
          .orElseGet(() -> Future.failedFuture(Webhooks.declarationError(missing)));
      default -> Future.failedFuture(Webhooks.declarationError("invalid hook declaration"));
    };
  }

  private Future<JsonObject> triggers(String method, String className, String triggerName,
      JsonObject body) {
    if (className == null) {
      if ("GET".equals(method)) {
        return Future.succeededFuture(new JsonObject().put("results", hooks.allTriggers()));
      }
      String declaredClass = body.getString("className");
      String declaredTrigger = body.getString("triggerName");
      String url = body.getString("url");
      if (!"POST".equals(method) || declaredClass == null || !TRIGGERS.contains(declaredTrigger)
          || !isHttpUrl(url) || !ClassNames.isValidClassName(declaredClass)) {
        return Future.failedFuture(Webhooks.declarationError("invalid hook declaration"));
      }
      if (hooks.trigger(declaredClass, declaredTrigger).isPresent()) {
        return Future.failedFuture(Webhooks.declarationError("class " + declaredClass
            + " already has trigger " + declaredTrigger));
      }
      JsonObject declaration = new JsonObject().put("className", declaredClass)
          .put("triggerName", declaredTrigger).put("url", url);
      return hooks.save(null, declaration.copy().put("ACL", new JsonObject()), CHANGED)
          .map(declaration);
    }
    String missing = "class " + className + " does not exist";
    return switch (method) {
      case "GET" -> hooks.trigger(className, triggerName).map(Future::succeededFuture)
          .orElseGet(() -> Future.failedFuture(Webhooks.declarationError(missing)));
      case "PUT", "DELETE" -> hooks.idOfTrigger(className, triggerName).map(id ->
              deleting(method, body) ? hooks.remove(id, CHANGED).map(new JsonObject())
                  : update(id, body).map(new JsonObject().put("className", className)
                      .put("triggerName", triggerName).put("url", body.getString("url"))))
          .orElseGet(() -> Future.failedFuture(Webhooks.declarationError(missing)));
      default -> Future.failedFuture(Webhooks.declarationError("invalid hook declaration"));
    };
  }

  private Future<Void> update(String id, JsonObject body) {
    if (!isHttpUrl(body.getString("url"))) {
      return Future.failedFuture(Webhooks.declarationError("invalid hook declaration"));
    }
    return hooks.save(id, new JsonObject().put("url", body.getString("url")), CHANGED);
  }

  private static boolean deleting(String method, JsonObject body) {
    return "DELETE".equals(method) || "Delete".equals(body.getString("__op"));
  }

  private static boolean isHttpUrl(String url) {
    return url != null && OptionsValidator.isHttpUrl(url);
  }
}
