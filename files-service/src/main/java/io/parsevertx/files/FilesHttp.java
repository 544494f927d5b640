package io.parsevertx.files;

import io.parsevertx.common.ObjectIds;
import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.files.FilesAuth;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * files-service's own HTTP endpoint, reached only through the gateway, which streams file
 * bodies to it and vouches for the caller in a signed {@link FilesAuth} token:
 * {@code POST /files/:filename} (streamed to the adapter, 201 {@code {url, name}}),
 * {@code GET /files/:appId/:filename} (streamed back, {@code Range} answered with 206),
 * {@code DELETE /files/:filename} (master key). Errors go back as {@code {code, error}} for the
 * gateway to turn into its answer.
 */
final class FilesHttp {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      FilesHttp.class);
  private static final Pattern NAME = Pattern.compile("^[_a-zA-Z0-9][a-zA-Z0-9@. ~_-]*$");
  private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

  private final FilesConfig config;
  private final FilesAdapter adapter;
  private final JWTAuth tokens;
  private final AnonymousUsers users;
  private final FileTriggers triggers;

  FilesHttp(FilesConfig config, FilesAdapter adapter, JWTAuth tokens, AnonymousUsers users,
      FileTriggers triggers) {
    this.triggers = triggers;
    this.config = config;
    this.adapter = adapter;
    this.tokens = tokens;
    this.users = users;
  }

  Router router(io.vertx.core.Vertx vertx) {
    Router router = Router.router(vertx);
    router.post("/files/:filename").handler(this::upload);
    router.get("/files/:appId/:filename").handler(this::download);
    router.delete("/files/:filename").handler(this::delete);
    return router;
  }

  private record Caller(boolean master, String userId, String requestId) {
    AuthContext auth() {
      return new AuthContext(master, false, null, userId, null, null, null);
    }
  }

  private Future<Caller> caller(HttpServerRequest request) {
    String token = request.getHeader(FilesAuth.HEADER);
    if (token == null) {
      return Future.failedFuture(new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
          "unauthorized"));
    }
    return tokens.authenticate(new TokenCredentials(token))
        .recover(e -> Future.failedFuture(new ParseException(
            ParseErrorCode.OPERATION_FORBIDDEN, "unauthorized")))
        .map(user -> new Caller(user.principal().getBoolean(FilesAuth.MASTER, false),
            user.principal().getString(FilesAuth.USER_ID),
            user.principal().getString(FilesAuth.REQUEST_ID)));
  }

  private void upload(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    request.pause();
    String filename = ctx.pathParam("filename");
    String contentType = request.getHeader("Content-Type");
    String length = request.getHeader("Content-Length");
    Long size = length == null ? null : Long.parseLong(length);
    caller(request).compose(caller -> checkAllowed(caller).compose(allowed -> {
      checkName(filename);
      checkExtension(filename, contentType);
      if (size != null && size > config.maxUploadSize()) {
        throw new FilesAdapter.TooLarge();
      }
      String name = config.preserveFileName() ? filename
          : ObjectIds.newId(32).toLowerCase(Locale.ROOT) + "_" + filename;
      String type = contentType == null ? "application/octet-stream" : contentType;
      // note: the app's beforeSave(Parse.File) may refuse before a byte is stored
      return triggers.before("beforeSave", new JsonObject().put("name", filename)
              .put("contentType", type), size, caller.auth())
          .compose(v -> adapter.create(name, type, request, config.maxUploadSize()))
          .onSuccess(stored -> triggers.after("afterSave", new JsonObject()
              .put("name", stored.name()).put("url", url(stored.name())), size, caller.auth()));
    })).onSuccess(stored -> {
      String url = url(stored.name());
      ctx.response().setStatusCode(201).putHeader("Location", url)
          .putHeader("Content-Type", "application/json; charset=utf-8")
          .end(new JsonObject().put("url", url).put("name", stored.name()).encode());
    }).onFailure(e -> fail(ctx, e));
  }

  private String url(String name) {
    return io.parsevertx.common.files.FileLocations.url(config.filesUrl(), name);
  }

  /**
   * {@code fileUpload}: the master key always; the public, anonymous users and other users each
   * only when enabled. Whether a user is anonymous (signed up through the anonymous provider)
   * is asked of data-service, and only when the answer matters.
   */
  private Future<Void> checkAllowed(Caller caller) {
    if (caller.master()) {
      return Future.succeededFuture();
    }
    if (caller.userId() == null) {
      return config.enableForPublic() ? Future.succeededFuture()
          : refused("File upload by public is disabled.");
    }
    if (config.enableForAnonymousUser() && config.enableForAuthenticatedUser()) {
      return Future.succeededFuture();
    }
    return users.isAnonymous(caller.userId(), caller.requestId()).compose(anonymous -> {
      if (anonymous) {
        return config.enableForAnonymousUser() ? Future.succeededFuture()
            : refused("File upload by anonymous user is disabled.");
      }
      return config.enableForAuthenticatedUser() ? Future.succeededFuture()
          : refused("File upload by authenticated user is disabled.");
    });
  }

  private static Future<Void> refused(String message) {
    return Future.failedFuture(new ParseException(ParseErrorCode.FILE_SAVE_ERROR, message));
  }

  private static void checkName(String filename) {
    if (filename == null || filename.length() > 128 || !NAME.matcher(filename).matches()) {
      throw new ParseException(ParseErrorCode.INVALID_FILE_NAME,
          "Filename contains invalid characters.");
    }
  }

  /** The extension (or, without one, the content type's subtype) must pass fileExtensions. */
  private void checkExtension(String filename, String contentType) {
    int dot = filename.lastIndexOf('.');
    String extension = dot >= 0 ? filename.substring(dot + 1)
        : contentType != null && contentType.contains("/")
            ? contentType.substring(contentType.indexOf('/') + 1).split(";")[0].trim() : "";
    boolean allowed = config.extensions().stream().anyMatch(p -> p.matcher(extension).find());
    if (!allowed || contentType != null && contentType.toLowerCase(Locale.ROOT)
        .startsWith("text/html") && !config.extensions().stream()
            .anyMatch(p -> p.matcher("html").find())) {
      throw ParseException.of(ParseErrorCode.FILE_SAVE_ERROR,
          "File upload of extension %s is disabled.", extension);
    }
  }

  private void download(RoutingContext ctx) {
    String name = ctx.pathParam("filename");
    adapter.find(name).compose(stored -> {
      if (stored == null || !config.appId().equals(ctx.pathParam("appId"))) {
        return Future.failedFuture(new ParseException(ParseErrorCode.OBJECT_NOT_FOUND,
            "File not found."));
      }
      HttpServerResponse response = ctx.response()
          .putHeader("Content-Type", stored.contentType())
          .putHeader("ETag", stored.etag())
          .putHeader("Accept-Ranges", "bytes")
          // note: a stored file never runs as a page of this origin
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Content-Security-Policy", "default-src 'none'; sandbox");
      if (stored.etag().equals(ctx.request().getHeader("If-None-Match"))) {
        response.setStatusCode(304).end();
        return Future.succeededFuture();
      }
      long start = 0;
      long end = stored.length() - 1;
      String range = ctx.request().getHeader("Range");
      if (range != null) {
        Matcher m = RANGE.matcher(range.trim());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
          response.setStatusCode(416).putHeader("Content-Range", "bytes */" + stored.length())
              .end();
          return Future.succeededFuture();
        }
        if (m.group(1).isEmpty()) {
          start = Math.max(0, stored.length() - Long.parseLong(m.group(2)));
        } else {
          start = Long.parseLong(m.group(1));
          if (!m.group(2).isEmpty()) {
            end = Math.min(end, Long.parseLong(m.group(2)));
          }
        }
        if (start > end || start >= stored.length()) {
          response.setStatusCode(416).putHeader("Content-Range", "bytes */" + stored.length())
              .end();
          return Future.succeededFuture();
        }
        response.setStatusCode(206).putHeader("Content-Range",
            "bytes " + start + "-" + end + "/" + stored.length());
      }
      long length = end - start + 1;
      response.putHeader("Content-Length", String.valueOf(length));
      if (ctx.request().method() == io.vertx.core.http.HttpMethod.HEAD || length == 0) {
        response.end();
        return Future.succeededFuture();
      }
      return adapter.readTo(stored, start, length, response).compose(v -> response.end());
    }).onFailure(e -> fail(ctx, readFailure(ctx, e)));
  }

  /**
   * A download that failed: a Parse error stays as it is; anything else (a stored file that
   * fails authentication, a storage error) is logged and answered as an internal error.
   */
  private static Throwable readFailure(RoutingContext ctx, Throwable e) {
    if (e instanceof ParseException) {
      return e;
    }
    LOG.warn("event=file_read_failed file={} reason={}", ctx.pathParam("filename"),
        e.getMessage());
    return new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, "Could not read file.");
  }

  private void delete(RoutingContext ctx) {
    caller(ctx.request()).compose(caller -> {
      if (!caller.master()) {
        throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
            "unauthorized: master key is required");
      }
      String name = ctx.pathParam("filename");
      JsonObject file = new JsonObject().put("name", name).put("url", url(name));
      return triggers.before("beforeDelete", file, null, caller.auth())
          .compose(v -> adapter.delete(name))
          .onSuccess(deleted -> {
            if (deleted) {
              triggers.after("afterDelete", file, null, caller.auth());
            }
          });
    }).onSuccess(deleted -> {
      if (!deleted) {
        fail(ctx, new ParseException(ParseErrorCode.FILE_DELETE_ERROR,
            "Could not delete file."));
        return;
      }
      ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end("{}");
    }).onFailure(e -> fail(ctx, e));
  }

  /** An error for the gateway: 413 for a too-large upload, else the Parse code and message. */
  private static void fail(RoutingContext ctx, Throwable e) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    // note: a download's own headers (length, range, type) must not describe the error
    ctx.response().headers().clear();
    int status = e instanceof FilesAdapter.TooLarge ? 413 : 500;
    ParseException error = e instanceof ParseException pe ? pe
        : e instanceof FilesAdapter.TooLarge ? new ParseException(
            ParseErrorCode.FILE_SAVE_ERROR, "File size exceeds maximum allowed.")
        : new ParseException(ParseErrorCode.FILE_SAVE_ERROR, "Could not store file.");
    ctx.request().resume();
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .putHeader("Connection", "close")
        .end(new JsonObject().put("code", error.code().code()).put("error", error.getMessage())
            .encode());
  }
}
