package io.parsevertx.cloud;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.AuthServiceClient;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.PushServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.options.ParseServerOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The Parse JS SDK's requests from inside cloud code, answered by the services over the event
 * bus with no HTTP round trip: objects and functions by data-service (whose triggers run as for
 * a client's request), users and sessions by auth-service, pushes by push-service. It works the
 * same in whichever process loaded the cloud code. Who calls is what the SDK call said:
 * {@code useMasterKey}, else {@code sessionToken} (resolved as the gateway resolves it), else
 * nobody.
 */
public final class BusRest implements CloudHost {
  private final String appId;
  private final String masterKey;
  private final String mountPath;
  private final DataServiceClient objects;
  private final AuthServiceClient auth;
  private final PushServiceClient push;
  private final CloudFiles files;

  public BusRest(String appId, String masterKey, String mountPath, io.vertx.core.Vertx vertx,
      long timeoutMillis) {
    this.appId = appId;
    this.masterKey = masterKey;
    this.mountPath = mountPath;
    this.files = new CloudFiles(vertx, masterKey, timeoutMillis);
    EventBus bus = vertx.eventBus();
    this.objects = new DataServiceClient(bus, timeoutMillis);
    this.auth = new AuthServiceClient(bus, timeoutMillis);
    this.push = new PushServiceClient(bus, timeoutMillis);
  }

  /** The host for a service's options ({@code appId}, {@code masterKey}, {@code mountPath}). */
  public static BusRest from(io.vertx.core.Vertx vertx, io.vertx.core.json.JsonObject options) {
    return new BusRest(options.getString(ParseServerOptions.APP_ID),
        options.getString(ParseServerOptions.MASTER_KEY),
        options.getString(ParseServerOptions.MOUNT_PATH, "/parse"), vertx,
        options.getLong(ParseServerOptions.REQUEST_TIMEOUT, 30_000L));
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
    JsonObject context = options.getJsonObject("context");
    return caller(options).compose(auth -> dispatch(method, path, data, new Caller(auth,
        context)));
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
    return auth.resolveSession(request(new Caller(AuthContext.anonymous(), null), null, null,
            null, new JsonObject().put("sessionToken", token)))
        .map(session -> new AuthContext(false, false, token, session.getString("userId"),
            installationId, null, null));
  }

  /** Who calls, and the {@code context} the SDK call passed for the triggers it fires. */
  private record Caller(AuthContext auth, JsonObject context) {
  }

  private Future<JsonObject> dispatch(String method, String path, JsonObject data,
      Caller who) {
    String[] parts = path.replaceFirst("^/+", "").split("/");
    boolean post = "POST".equals(method);
    Future<JsonObject> answer = switch (parts[0]) {
      case "classes" -> parts.length >= 2 ? objects(method, parts[1],
          parts.length == 3 ? parts[2] : null, data, who) : null;
      case "roles" -> objects(method, ClassNames.ROLE, parts.length == 2 ? parts[1] : null,
          data, who);
      case "users" -> users(method, parts, data, who);
      case "login" -> auth.logIn(request(who, ClassNames.USER, null, null, data));
      case "logout" -> auth.logOut(request(who, null, null, null, data));
      case "requestPasswordReset" -> auth.requestPasswordReset(request(who, null, null, null,
          data));
      case "sessions" -> sessions(method, parts, data, who);
      case "upgradeToRevocableSession" -> post ? auth.upgradeSession(request(who,
          ClassNames.SESSION, null, null, data)) : null;
      case "functions" -> parts.length == 2 && post ? objects.runFunction(request(who, null,
          null, new JsonObject().put(DataServiceClient.FUNCTION_NAME, parts[1]), data)) : null;
      case "config" -> "GET".equals(method) ? objects.getConfig(request(who, null, null, data,
          null)) : "PUT".equals(method) ? masterOnly(who, () -> objects.updateConfig(request(
          who, null, null, null, data))) : null;
      case "aggregate" -> parts.length == 2 && "GET".equals(method) ? masterOnly(who,
          () -> objects.aggregate(request(who, parts[1], null, data, null))) : null;
      case "schemas" -> schemas(method, parts.length == 2 ? parts[1] : null, data, who);
      case "files" -> parts.length == 2 ? post ? files.upload(who.auth(), parts[1], data)
          : "DELETE".equals(method) ? files.delete(who.auth(), parts[1]) : null : null;
      case "push" -> post ? push.send(request(who, null, null, null, data)) : null;
      case "batch" -> post ? batch(data, who) : null;
      default -> null;
    };
    return answer != null ? answer : unsupported(method, path);
  }

  /**
   * {@code classes/:className[/:objectId]} and {@code roles}: as the gateway routes them,
   * {@code _User} writes to auth-service (passwords are hashed there) and a session's deletion
   * too.
   */
  private Future<JsonObject> objects(String method, String className, String objectId,
      JsonObject data, Caller who) {
    boolean user = ClassNames.USER.equals(className);
    if (objectId == null) {
      return switch (method) {
        case "GET" -> objects.find(request(who, className, null, data, null));
        case "POST" -> user ? auth.signUp(request(who, className, null, null, data))
            : objects.create(request(who, className, null, null, data));
        default -> null;
      };
    }
    ServiceRequest one = request(who, className, objectId, "GET".equals(method) ? data : null,
        "GET".equals(method) ? null : data);
    return switch (method) {
      case "GET" -> objects.get(one);
      case "PUT" -> user ? auth.updateUser(one) : objects.update(one);
      case "DELETE" -> user ? auth.deleteUser(one) : ClassNames.SESSION.equals(className)
          ? auth.deleteSession(one) : objects.delete(one);
      default -> null;
    };
  }

  private Future<JsonObject> users(String method, String[] parts, JsonObject data,
      Caller who) {
    if (parts.length == 2 && "me".equals(parts[1]) && "GET".equals(method)) {
      return auth.me(request(who, ClassNames.USER, null, null, null));
    }
    return parts.length <= 2 ? objects(method, ClassNames.USER,
        parts.length == 2 ? parts[1] : null, data, who) : null;
  }

  private Future<JsonObject> sessions(String method, String[] parts, JsonObject data,
      Caller who) {
    if (parts.length == 1) {
      return "GET".equals(method) ? auth.sessions(request(who, ClassNames.SESSION, null, data,
          null)) : null;
    }
    if ("me".equals(parts[1])) {
      return "GET".equals(method) ? auth.sessionMe(request(who, ClassNames.SESSION, null, null,
          null)) : null;
    }
    ServiceRequest one = request(who, ClassNames.SESSION, parts[1], null, data);
    return switch (method) {
      case "PUT" -> auth.updateSession(one);
      case "DELETE" -> auth.deleteSession(one);
      case "GET" -> objects.get(request(who, ClassNames.SESSION, parts[1], data, null));
      default -> null;
    };
  }

  /** {@code schemas[/:className]}: master key only, as through the gateway. */
  private Future<JsonObject> schemas(String method, String className, JsonObject data,
      Caller who) {
    ServiceRequest request = request(who, className, null, null, data);
    return masterOnly(who, () -> switch (method) {
      case "GET" -> className == null ? objects.allSchemas(request) : objects.getSchema(request);
      case "POST" -> objects.createSchema(request);
      case "PUT" -> objects.updateSchema(request);
      case "DELETE" -> objects.deleteSchema(request);
      default -> unsupported(method, "schemas");
    });
  }

  private static Future<JsonObject> masterOnly(Caller who,
      java.util.function.Supplier<Future<JsonObject>> call) {
    if (!who.auth().master()) {
      return Future.failedFuture(new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
          io.parsevertx.common.error.UnauthorizedException.MASTER_KEY_REQUIRED));
    }
    return call.get();
  }

  /** As {@code POST /batch} without a transaction: each request in turn, each its answer. */
  private Future<JsonObject> batch(JsonObject data, Caller who) {
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

  private static ServiceRequest request(Caller who, String className, String objectId,
      JsonObject params, JsonObject body) {
    JsonObject given = params == null ? new JsonObject() : params.copy();
    given.remove(ServiceRequest.CLOUD_CONTEXT);
    if (who.context() != null) {
      given.put(ServiceRequest.CLOUD_CONTEXT, who.context());
    }
    return new ServiceRequest(UUID.randomUUID().toString(), who.auth(), className, objectId,
        given, body == null ? new JsonObject() : body.copy());
  }
}
