package io.parsevertx.data.functions;

import io.parsevertx.cloud.CloudHost;
import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.AuthServiceClient;
import io.parsevertx.common.bus.PushServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.data.classes.ClassesService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The Parse JS SDK's requests from inside cloud code, answered in-process: objects by this
 * data-service, users and sessions by auth-service and pushes by push-service over the bus, with
 * no HTTP round trip. Who calls is what the SDK call said: {@code useMasterKey}, else
 * {@code sessionToken} (resolved as the gateway resolves it), else nobody.
 */
public final class InternalRest implements CloudHost {
  private final String appId;
  private final String masterKey;
  private final String mountPath;
  private final ClassesService classes;
  private final AuthServiceClient auth;
  private final PushServiceClient push;
  private FunctionsService functions;
  private TriggeredClasses writes;

  public InternalRest(String appId, String masterKey, String mountPath, ClassesService classes,
      AuthServiceClient auth, PushServiceClient push) {
    this.appId = appId;
    this.masterKey = masterKey;
    this.mountPath = mountPath;
    this.classes = classes;
    this.auth = auth;
    this.push = push;
  }

  /** Set once these exist (they need the cloud code that needs this host). */
  public void wire(FunctionsService functions, TriggeredClasses writes) {
    this.functions = functions;
    this.writes = writes;
  }

  @Override
  public String appId() {
    return appId;
  }

  @Override
  public String masterKey() {
    return masterKey;
  }

  @Override
  public String mountPath() {
    return mountPath;
  }

  @Override
  public Future<JsonObject> request(String method, String path, JsonObject data,
      JsonObject options) {
    return caller(options).compose(who -> dispatch(method, path, data, who));
  }

  private Future<AuthContext> caller(JsonObject options) {
    String installationId = options.getString("installationId");
    if (options.getBoolean("useMasterKey", false)) {
      return Future.succeededFuture(new AuthContext(true, false, null, null, installationId,
          null, null));
    }
    String token = options.getString("sessionToken");
    if (token == null) {
      return Future.succeededFuture(new AuthContext(false, false, null, null, installationId,
          null, null));
    }
    return auth.resolveSession(request(AuthContext.anonymous(), null, null, null,
            new JsonObject().put("sessionToken", token)))
        .map(session -> new AuthContext(false, false, token, session.getString("userId"),
            installationId, null, null));
  }

  private Future<JsonObject> dispatch(String method, String path, JsonObject data,
      AuthContext who) {
    String[] parts = path.replaceFirst("^/+", "").split("/");
    boolean get = "GET".equals(method);
    boolean post = "POST".equals(method);
    switch (parts[0]) {
      case "classes" -> {
        if (parts.length == 2) {
          return get ? writes.find(request(who, parts[1], null, data, null))
              : post ? writes.create(request(who, parts[1], null, null, data))
              : unsupported(method, path);
        }
        if (parts.length == 3) {
          return switch (method) {
            case "GET" -> classes.get(request(who, parts[1], parts[2], data, null));
            case "PUT" -> writes.update(request(who, parts[1], parts[2], null, data));
            case "DELETE" -> writes.delete(request(who, parts[1], parts[2], null, null));
            default -> unsupported(method, path);
          };
        }
        return unsupported(method, path);
      }
      case "users" -> {
        if (parts.length == 1 && post) {
          return auth.signUp(request(who, ClassNames.USER, null, null, data));
        }
        if (parts.length == 2 && "me".equals(parts[1]) && get) {
          return auth.me(request(who, ClassNames.USER, null, null, null));
        }
        if (parts.length == 2) {
          return switch (method) {
            case "GET" -> classes.get(request(who, ClassNames.USER, parts[1], data, null));
            case "PUT" -> auth.updateUser(request(who, ClassNames.USER, parts[1], null, data));
            case "DELETE" -> auth.deleteUser(request(who, ClassNames.USER, parts[1], null, null));
            default -> unsupported(method, path);
          };
        }
        return get ? classes.find(request(who, ClassNames.USER, null, data, null))
            : unsupported(method, path);
      }
      case "login" -> {
        return auth.logIn(request(who, ClassNames.USER, null, null, data));
      }
      case "logout" -> {
        return auth.logOut(request(who, null, null, null, data));
      }
      case "requestPasswordReset" -> {
        return auth.requestPasswordReset(request(who, null, null, null, data));
      }
      case "functions" -> {
        if (parts.length == 2 && post && functions != null) {
          return functions.run(new ServiceRequest(UUID.randomUUID().toString(), who, null, null,
              new JsonObject().put(FunctionsService.FUNCTION_NAME, parts[1]), data));
        }
        return unsupported(method, path);
      }
      case "push" -> {
        return post ? push.send(request(who, null, null, null, data)) : unsupported(method, path);
      }
      case "batch" -> {
        return post ? batch(data, who) : unsupported(method, path);
      }
      default -> {
        return unsupported(method, path);
      }
    }
  }

  /** As {@code POST /batch} without a transaction: each request in turn, each its answer. */
  private Future<JsonObject> batch(JsonObject data, AuthContext who) {
    JsonArray requests = data.getJsonArray("requests", new JsonArray());
    JsonArray answers = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (Object item : requests) {
      JsonObject one = (JsonObject) item;
      String inner = one.getString("path", "");
      String below = inner.startsWith(mountPath + "/") ? inner.substring(mountPath.length() + 1)
          : inner.replaceFirst("^/+", "");
      chain = chain.compose(v -> dispatch(one.getString("method", "GET"), below,
          one.getJsonObject("body", new JsonObject()), who)
          .map(ok -> answers.add(new JsonObject().put("success", ok)))
          .recover(e -> {
            ParseException parse = e instanceof ParseException p ? p
                : ParseException.internal("batch", e);
            answers.add(new JsonObject().put("error", new JsonObject()
                .put("code", parse.code().code()).put("error", parse.getMessage())));
            return Future.succeededFuture();
          }).mapEmpty());
    }
    // note: the SDK reads a batch answer as the array itself
    return chain.map(v -> new JsonObject().put("__batch", answers));
  }

  private static Future<JsonObject> unsupported(String method, String path) {
    return Future.failedFuture(new ParseException(ParseErrorCode.INVALID_JSON,
        "cloud code cannot call " + method + " " + path + " on this server yet"));
  }

  private static ServiceRequest request(AuthContext who, String className, String objectId,
      JsonObject params, JsonObject body) {
    return new ServiceRequest(UUID.randomUUID().toString(), who, className, objectId,
        params == null ? new JsonObject() : params.copy(),
        body == null ? new JsonObject() : body.copy());
  }
}
