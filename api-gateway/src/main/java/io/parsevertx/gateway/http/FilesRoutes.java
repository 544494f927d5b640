package io.parsevertx.gateway.http;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.common.bus.EventBusAddresses;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.error.UnauthorizedException;
import io.parsevertx.common.files.FilesAuth;
import io.parsevertx.common.security.TrustedProxies;
import io.parsevertx.common.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;

/**
 * {@code /files}: the gateway checks who is calling (keys and session from the headers, as a
 * file body is no JSON envelope), then streams the request to files-service's own HTTP
 * endpoint and its answer back, never holding a whole file. The caller travels as a signed
 * {@link FilesAuth} token. An upload announcing more than {@code maxUploadSize} is refused
 * with 413 before its body is read.
 *
 * <pre>
 * POST   /files/:filename        curl -X POST -H "X-Parse-Application-Id: APP" -H "X-Parse-Session-Token: r:..." -H "Content-Type: image/png" --data-binary @a.png URL/files/a.png
 * GET    /files/:appId/:filename curl URL/files/APP/0f3c..._a.png
 * DELETE /files/:filename        curl -X DELETE -H "X-Parse-Application-Id: APP" -H "X-Parse-Master-Key: MK" URL/files/0f3c..._a.png
 * </pre>
 */
final class FilesRoutes {
  private static final String MASTER_CALL = "parse.files.master";
  /** Bytes of a refused upload read and dropped before the connection is closed instead. */
  private static final long DISCARD_LIMIT = 64L * 1024 * 1024;
  private static final List<String> PASSED_ON = List.of("Content-Type", "Content-Length",
      "Range", "If-None-Match");

  private final Vertx vertx;
  private final KeyCheck keys;
  private final SessionResolver sessions;
  private final JWTAuth tokens;
  private final HttpClient client;
  private final long maxUploadSize;
  private final long timeoutMillis;
  private Future<JsonObject> endpoint;
  private final RateLimiter limiter;
  private final TrustedProxies proxies;
  private final String mountPath;

  FilesRoutes(Vertx vertx, KeyCheck keys, SessionResolver sessions, String masterKey,
      long maxUploadSize, long timeoutMillis, RateLimiter limiter, TrustedProxies proxies,
      String mountPath) {
    this.vertx = vertx;
    this.limiter = limiter;
    this.proxies = proxies;
    this.mountPath = mountPath;
    this.keys = keys;
    this.sessions = sessions;
    this.maxUploadSize = maxUploadSize;
    this.timeoutMillis = timeoutMillis;
    this.tokens = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(FilesAuth.key(masterKey))));
    this.client = vertx.createHttpClient();
  }

  /** Mounted before the body handler, so bodies stream. */
  void mount(Router api) {
    api.post("/files/:filename").handler(ctx -> proxy(ctx, true));
    api.delete("/files/:filename").handler(ctx -> proxy(ctx, true));
    api.get("/files/:appId/:filename").handler(ctx -> proxy(ctx, false));
  }

  private void proxy(RoutingContext ctx, boolean vouched) {
    HttpServerRequest request = ctx.request();
    request.pause();
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (request.method() == HttpMethod.POST && length != null
        && Long.parseLong(length) > maxUploadSize * 4 / 3 + 1024) {
      discardBody(ctx);
      ctx.fail(new HttpException(413));
      return;
    }
    if (request.method() == HttpMethod.POST && length != null && envelopeType(request)) {
      // note: the JS SDK uploads as a text/plain JSON envelope: {base64, _ContentType, keys}
      request.body().map(raw -> Upload.of(raw, request)).onSuccess(upload -> {
        try {
          forward(ctx, upload);
        } catch (RuntimeException e) {
          ctx.fail(e);
        }
      }).onFailure(ctx::fail);
      request.resume();
      return;
    }
    if (request.method() == HttpMethod.POST && length != null
        && Long.parseLong(length) > maxUploadSize) {
      discardBody(ctx);
      ctx.fail(new HttpException(413));
      return;
    }
    forward(ctx, vouched ? Upload.STREAMED : null);
  }

  private static boolean envelopeType(HttpServerRequest request) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    return type != null && (type.startsWith("text/plain") || type.startsWith("application/json"));
  }

  /**
   * What goes to files-service: the request's own stream, or a body read here (a JSON
   * envelope decoded, or a small text body passed on as it came).
   *
   * @param envelope the JS SDK's envelope (keys and {@code _ContentType}), or null
   */
  private record Upload(Buffer body, String contentType, JsonObject envelope) {
    static final Upload STREAMED = new Upload(null, null, null);

    static Upload of(Buffer raw, HttpServerRequest request) {
      JsonObject envelope = null;
      try {
        Object decoded = io.vertx.core.json.Json.decodeValue(raw);
        envelope = decoded instanceof JsonObject json && json.getValue("base64") instanceof String
            ? json : null;
      } catch (RuntimeException notJson) {
        envelope = null;
      }
      if (envelope == null) {
        return new Upload(raw, request.getHeader(HttpHeaders.CONTENT_TYPE), null);
      }
      String base64 = envelope.getString("base64");
      String contentType = envelope.getString("_ContentType");
      // note: a data URI names its own type: data:image/png;base64,....
      if (base64.startsWith("data:") && base64.contains(",")) {
        String header = base64.substring(5, base64.indexOf(','));
        contentType = contentType != null ? contentType : header.split(";")[0];
        base64 = base64.substring(base64.indexOf(',') + 1);
      }
      byte[] bytes;
      try {
        bytes = java.util.Base64.getMimeDecoder().decode(base64);
      } catch (IllegalArgumentException e) {
        throw new ParseException(ParseErrorCode.FILE_SAVE_ERROR, "Invalid base64 file data.");
      }
      return new Upload(Buffer.buffer(bytes), contentType == null
          ? "application/octet-stream" : contentType, envelope);
    }
  }

  private void forward(RoutingContext ctx, Upload upload) {
    HttpServerRequest request = ctx.request();
    if (upload != null && upload.body() != null && upload.body().length() > maxUploadSize) {
      ctx.fail(new HttpException(413));
      return;
    }
    Future<String> token;
    try {
      token = upload != null ? caller(ctx, upload.envelope()) : Future.succeededFuture(null);
    } catch (RuntimeException e) {
      token = Future.failedFuture(e); // note: wrong keys, answered like any request's
    }
    token = token.compose(signed -> counted(ctx, signed).map(signed));
    token.compose(signed -> endpoint().compose(at -> {
      RequestOptions options = new RequestOptions().setMethod(request.method())
          .setHost(at.getString("host")).setPort(at.getInteger("port"))
          .setURI("/files/" + String.join("/", path(ctx))).setTimeout(timeoutMillis);
      return client.request(options).compose(upstream -> {
        PASSED_ON.forEach(name -> {
          String value = request.getHeader(name);
          if (value != null) {
            upstream.putHeader(name, value);
          }
        });
        if (signed != null) {
          upstream.putHeader(FilesAuth.HEADER, signed);
        }
        if (upload != null && upload.body() != null) {
          upstream.putHeader(HttpHeaders.CONTENT_TYPE, upload.contentType() == null
              ? "application/octet-stream" : upload.contentType());
          upstream.putHeader(HttpHeaders.CONTENT_LENGTH, String.valueOf(upload.body()
              .length()));
          return upstream.send(upload.body());
        }
        if (request.method() != HttpMethod.POST) {
          return upstream.send();
        }
        if (request.getHeader("Content-Length") == null) {
          upstream.setChunked(true); // note: a body of unknown length streams on in chunks
        }
        return upstream.send(request);
      });
    })).onSuccess(answer -> relay(ctx, answer)).onFailure(e -> {
      discardBody(ctx);
      if (!(e instanceof ParseException) && !(e instanceof UnauthorizedException)) {
        endpoint = null; // note: files-service may have moved; ask again next time
      }
      ctx.fail(e instanceof ParseException || e instanceof UnauthorizedException ? e
          : new ParseException(ParseErrorCode.SERVICE_UNAVAILABLE,
              "files-service did not answer"));
    });
  }

  /**
   * {@code rateLimit} for files: by address, app or session; the user is not known here, so a
   * {@code user} zone counts the address.
   */
  private Future<Void> counted(RoutingContext ctx, String signed) {
    if (limiter.isEmpty()) {
      return Future.succeededFuture();
    }
    String token = signed == null ? null : ParseRequestHandler.pick(ctx.request().headers(),
        ParseHeaders.SESSION_TOKEN, new JsonObject(), ParseHeaders.Body.SESSION_TOKEN);
    boolean master = ctx.get(MASTER_CALL) == Boolean.TRUE;
    return limiter.check(new RateLimiter.Call(ctx.request().method().name(),
        ParseRequestHandler.pathBelowMount(ctx.request().path(), mountPath),
        ParseRequestHandler.clientIp(ctx, proxies), token, null, master, false));
  }

  /** The path segments, encoded again: a name may hold a space, which a request line can't. */
  private static List<String> path(RoutingContext ctx) {
    List<String> decoded = ctx.pathParam("appId") == null ? List.of(ctx.pathParam("filename"))
        : List.of(ctx.pathParam("appId"), ctx.pathParam("filename"));
    return decoded.stream().map(segment -> java.net.URLEncoder.encode(segment,
        java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")).toList();
  }

  /**
   * The caller as the headers (or the JS SDK's upload envelope) say, checked as any request is;
   * signed for files-service.
   */
  private Future<String> caller(RoutingContext ctx, JsonObject envelope) {
    MultiMap headers = ctx.request().headers();
    JsonObject body = envelope == null ? new JsonObject() : envelope;
    keys.requireAppId(ParseRequestHandler.pick(headers, ParseHeaders.APPLICATION_ID, body,
        ParseHeaders.Body.APPLICATION_ID));
    KeyCheck.MasterLevel level = keys.masterLevel(ParseRequestHandler.pick(headers,
        ParseHeaders.MASTER_KEY, body, ParseHeaders.Body.MASTER_KEY),
        ParseRequestHandler.clientIp(ctx, proxies));
    boolean master = level == KeyCheck.MasterLevel.MASTER;
    ctx.put(MASTER_CALL, master);
    if (level == KeyCheck.MasterLevel.READ_ONLY && ctx.request().method() != HttpMethod.GET) {
      throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
          "read-only masterKey isn't allowed to perform this operation.");
    }
    if (level == KeyCheck.MasterLevel.NONE) {
      keys.requireClientKey(ParseRequestHandler.clientKeys(headers, body));
    }
    String sessionToken = ParseRequestHandler.pick(headers, ParseHeaders.SESSION_TOKEN, body,
        ParseHeaders.Body.SESSION_TOKEN);
    Future<String> userId = sessionToken == null ? Future.succeededFuture(null)
        : sessions.userIdFor(sessionToken, RequestIds.of(ctx));
    return userId.map(user -> {
      JsonObject claims = new JsonObject().put(FilesAuth.MASTER, master)
          .put(FilesAuth.REQUEST_ID, RequestIds.of(ctx));
      if (user != null) {
        claims.put(FilesAuth.USER_ID, user);
      }
      return tokens.generateToken(claims, new JWTOptions().setAlgorithm("HS256")
          .setExpiresInSeconds(FilesAuth.TTL_SECONDS));
    });
  }

  private Future<JsonObject> endpoint() {
    if (endpoint == null || endpoint.failed()) {
      endpoint = vertx.eventBus().<JsonObject>request(EventBusAddresses.FILES_ENDPOINT,
          new JsonObject(), new DeliveryOptions().setSendTimeout(timeoutMillis))
          .map(message -> message.body());
    }
    return endpoint;
  }

  /**
   * An upload refused before its body was read: the answer goes out at once, and the rest of
   * the body is read and dropped so a client that sends it all still gets the answer - up to
   * {@link #DISCARD_LIMIT}, past which the connection is closed.
   */
  private static void discardBody(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.method() != HttpMethod.POST || request.isEnded()) {
      return;
    }
    long[] dropped = {0};
    request.handler(chunk -> {
      dropped[0] += chunk.length();
      if (dropped[0] > DISCARD_LIMIT) {
        request.connection().close();
      }
    });
    request.resume();
  }

  /** files-service's answer: streamed through on success, a Parse error otherwise. */
  private static void relay(RoutingContext ctx, HttpClientResponse answer) {
    if (answer.statusCode() >= 400 && answer.statusCode() != 416) {
      discardBody(ctx);
      answer.body().onSuccess(body -> {
        if (answer.statusCode() == 413) {
          ctx.fail(new HttpException(413));
          return;
        }
        JsonObject error;
        try {
          error = body.toJsonObject();
        } catch (RuntimeException e) {
          error = new JsonObject();
        }
        ParseErrorCode code = ParseErrorCode.of(error.getInteger("code", 1));
        ctx.fail(new ParseException(code == null ? ParseErrorCode.INTERNAL_SERVER_ERROR : code,
            error.getString("error", "File request failed.")));
      }).onFailure(ctx::fail);
      return;
    }
    ctx.response().setStatusCode(answer.statusCode());
    answer.headers().forEach((name, value) -> {
      if (!name.equalsIgnoreCase("Connection") && !name.equalsIgnoreCase("Transfer-Encoding")) {
        ctx.response().putHeader(name, value);
      }
    });
    ctx.request().resume();
    // note: a download files-service cuts short (a tampered file) is cut short here too,
    // so the client sees a broken transfer instead of waiting for bytes that never come
    answer.pipeTo(ctx.response()).onFailure(e -> {
      if (!ctx.response().closed() && !ctx.response().ended()) {
        ctx.response().reset(); // note: a client that went away needs nothing more
      }
    });
  }
}
