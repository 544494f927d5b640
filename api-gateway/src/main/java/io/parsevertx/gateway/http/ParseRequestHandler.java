package io.parsevertx.gateway.http;

import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.ParseHeaders;
import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.options.ParseServerOptions;
import io.parsevertx.common.security.KeywordDenylist;
import io.parsevertx.common.security.TrustedProxies;
import io.parsevertx.common.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads who is calling from the {@code X-Parse-*} headers or, as the JS SDK sends them, from
 * the keys of a {@code text/plain} JSON body; checks the keys; applies a {@code _method}
 * override by re-routing; and leaves a {@link ParseRequest} for the route handlers.
 */
final class ParseRequestHandler implements Handler<RoutingContext> {
  private static final Set<HttpMethod> OVERRIDABLE = Set.of(HttpMethod.GET, HttpMethod.PUT,
      HttpMethod.DELETE, HttpMethod.POST);

  private final KeyCheck keys;
  private final SessionResolver sessions;
  private final KeywordDenylist denylist;
  private final RateLimiter limiter;
  private final TrustedProxies proxies;
  private final String mountPath;

  ParseRequestHandler(KeyCheck keys, SessionResolver sessions, KeywordDenylist denylist,
      RateLimiter limiter, TrustedProxies proxies, String mountPath) {
    this.keys = keys;
    this.sessions = sessions;
    this.denylist = denylist;
    this.limiter = limiter;
    this.proxies = proxies;
    this.mountPath = mountPath;
  }

  /** The caller's address: the peer, or what a trusted proxy says it forwarded for. */
  static String clientIp(RoutingContext ctx, TrustedProxies proxies) {
    return proxies.clientAddress(ctx.request().remoteAddress().host(),
        ctx.request().getHeader("X-Forwarded-For"));
  }

  /** The request's path below the mount, as {@code rateLimit} patterns are written. */
  static String pathBelowMount(String path, String mountPath) {
    return mountPath.equals("/") || !path.startsWith(mountPath) ? path
        : path.substring(mountPath.length());
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (ParseRequest.of(ctx) != null) { // note: second pass after a _method reroute
      ctx.next();
      return;
    }
    JsonObject body = readBody(ctx);
    MultiMap headers = ctx.request().headers();
    keys.requireAppId(pick(headers, ParseHeaders.APPLICATION_ID, body,
        ParseHeaders.Body.APPLICATION_ID));
    String ip = clientIp(ctx, proxies);
    KeyCheck.MasterLevel level = keys.masterLevel(pick(headers, ParseHeaders.MASTER_KEY, body,
        ParseHeaders.Body.MASTER_KEY), ip);
    boolean master = level == KeyCheck.MasterLevel.MASTER;
    boolean readOnly = level == KeyCheck.MasterLevel.READ_ONLY;
    if (level == KeyCheck.MasterLevel.NONE) {
      keys.requireClientKey(clientKeys(headers, body));
    }
    denylist.check(body);
    String sessionToken = pick(headers, ParseHeaders.SESSION_TOKEN, body,
        ParseHeaders.Body.SESSION_TOKEN);
    String installationId = pick(headers, ParseHeaders.INSTALLATION_ID, body,
        ParseHeaders.Body.INSTALLATION_ID);
    String clientVersion = pick(headers, ParseHeaders.CLIENT_VERSION, body,
        ParseHeaders.Body.CLIENT_VERSION);
    HttpMethod override = methodOverride(ctx, body);
    HttpMethod effective = override != null ? override : ctx.request().method();
    if (readOnly && effective != HttpMethod.GET) {
      throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
          "read-only masterKey isn't allowed to perform this operation.");
    }
    JsonObject context = cloudContext(headers, body);
    ParseHeaders.Body.ALL.forEach(body::remove);
    JsonObject params = queryParams(ctx.request().params());
    if (override == HttpMethod.GET) {
      params.mergeIn(body); // note: the JS SDK sends a GET's parameters in the body
      body = new JsonObject();
    }
    params.put(ServiceRequest.CLOUD_HEADERS, cloudHeaders(headers));
    params.remove(ServiceRequest.CLOUD_CONTEXT);
    if (context != null) {
      params.put(ServiceRequest.CLOUD_CONTEXT, context);
    }
    JsonObject cleanBody = body;
    Future<String> resolved = sessionToken == null ? Future.succeededFuture(null)
        : sessions.userIdFor(sessionToken, RequestIds.of(ctx));
    // note: counted whether or not the token resolved, so a forged one is counted by address
    Future<String> userId = limiter.isEmpty() ? resolved : resolved.transform(session ->
        limiter.check(new RateLimiter.Call(effective.name(), pathBelowMount(
                ctx.request().path(), mountPath), ip,
                session.succeeded() ? sessionToken : null,
                session.succeeded() ? session.result() : null, master, false))
            .compose(v -> session.succeeded() ? Future.succeededFuture(session.result())
                : Future.failedFuture(session.cause())));
    userId.onSuccess(user -> {
      AuthContext auth = new AuthContext(master, readOnly, sessionToken, user, installationId,
          clientVersion, ip);
      ParseRequest.store(ctx, new ParseRequest(RequestIds.of(ctx), auth, cleanBody, params));
      if (override != null && override != ctx.request().method()) {
        ctx.reroute(override, ctx.request().uri());
      } else {
        ctx.next();
      }
    }).onFailure(ctx::fail);
  }

  private static JsonObject readBody(RoutingContext ctx) {
    Buffer raw = ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      return new JsonObject();
    }
    // note: like Parse Server, any content type is read as JSON (curl -d sends form-urlencoded)
    try {
      Object decoded = Json.decodeValue(raw);
      if (decoded instanceof JsonObject json) {
        return json;
      }
    } catch (DecodeException e) {
      // fall through to the one error below
    }
    throw new ParseException(ParseErrorCode.INVALID_JSON, "Invalid JSON body.");
  }

  private static HttpMethod methodOverride(RoutingContext ctx, JsonObject body) {
    Object method = body.getValue(ParseHeaders.Body.METHOD);
    if (method == null || ctx.request().method() != HttpMethod.POST) {
      return null;
    }
    HttpMethod parsed = HttpMethod.valueOf(method.toString().toUpperCase(Locale.ROOT));
    if (!OVERRIDABLE.contains(parsed)) {
      throw new ParseException(ParseErrorCode.INVALID_JSON, "unsupported _method " + method);
    }
    return parsed;
  }

  /** The headers cloud code sees as {@code request.headers}: lower-cased, no key. */
  static JsonObject cloudHeaders(MultiMap headers) {
    JsonObject seen = new JsonObject();
    headers.forEach((name, value) -> {
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      if (!SECRET_HEADERS.contains(lower)) {
        seen.put(lower, value);
      }
    });
    return seen;
  }

  private static final java.util.Set<String> SECRET_HEADERS = java.util.Set.of(
      ParseHeaders.MASTER_KEY.toLowerCase(java.util.Locale.ROOT),
      ParseHeaders.SESSION_TOKEN.toLowerCase(java.util.Locale.ROOT), "authorization", "cookie");

  /**
   * The client's context for the app's triggers: the {@code X-Parse-Cloud-Context} header, or
   * the JS SDK's {@code _context} body key; 107 when it is not a JSON object.
   */
  static JsonObject cloudContext(MultiMap headers, JsonObject body) {
    Object given = body.getValue(ParseHeaders.Body.CONTEXT);
    if (given == null && headers.get(ParseHeaders.CLOUD_CONTEXT) != null) {
      try {
        given = new JsonObject(headers.get(ParseHeaders.CLOUD_CONTEXT));
      } catch (io.vertx.core.json.DecodeException e) {
        given = headers.get(ParseHeaders.CLOUD_CONTEXT);
      }
    }
    if (given == null) {
      return null;
    }
    if (given instanceof String text) {
      try {
        given = new JsonObject(text);
      } catch (io.vertx.core.json.DecodeException e) {
        // note: reported below
      }
    }
    if (!(given instanceof JsonObject context)) {
      throw new ParseException(ParseErrorCode.INVALID_JSON, "Context must be an object");
    }
    return context;
  }

  /** The client keys given in the headers or, as the JS SDK sends them, in the body. */
  static Map<String, String> clientKeys(MultiMap headers, JsonObject body) {
    Map<String, String> given = new HashMap<>();
    given.put(ParseServerOptions.CLIENT_KEY, pick(headers, ParseHeaders.CLIENT_KEY, body,
        ParseHeaders.Body.CLIENT_KEY));
    given.put(ParseServerOptions.JAVASCRIPT_KEY, pick(headers, ParseHeaders.JAVASCRIPT_KEY, body,
        ParseHeaders.Body.JAVASCRIPT_KEY));
    given.put(ParseServerOptions.REST_API_KEY, headers.get(ParseHeaders.REST_API_KEY));
    given.put(ParseServerOptions.DOT_NET_KEY, headers.get(ParseHeaders.WINDOWS_KEY));
    return given;
  }

  /** A key from its header, else from the JS SDK's body envelope. */
  static String pick(MultiMap headers, String header, JsonObject body, String bodyKey) {
    String fromHeader = headers.get(header);
    if (fromHeader != null) {
      return fromHeader;
    }
    Object fromBody = body.getValue(bodyKey);
    return fromBody == null ? null : fromBody.toString();
  }

  private static JsonObject queryParams(MultiMap params) {
    JsonObject json = new JsonObject();
    params.names().forEach(name -> json.put(name, params.get(name)));
    return json;
  }
}
