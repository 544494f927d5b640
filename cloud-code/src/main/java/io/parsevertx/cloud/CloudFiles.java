package io.parsevertx.cloud;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.EventBusAddresses;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.files.FilesAuth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code Parse.File} saves and deletes from cloud code: sent to files-service's own endpoint
 * (file bodies never cross the event bus) the way the gateway sends a client's, vouched for by
 * a {@link FilesAuth} token, so the file triggers, {@code maxUploadSize} and the caller's
 * rights apply as to a client's upload.
 */
final class CloudFiles {
  private final Vertx vertx;
  private final JWTAuth tokens;
  private final HttpClient client;
  private final long timeoutMillis;

  CloudFiles(Vertx vertx, String masterKey, long timeoutMillis) {
    this.vertx = vertx;
    this.timeoutMillis = timeoutMillis;
    this.tokens = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(
        new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(FilesAuth.key(masterKey))));
    this.client = vertx.createHttpClient();
  }

  /**
   * The SDK's {@code POST files/:name} with {@code {"base64", "_ContentType"}}.
   *
   * @return {@code {"name", "url"}} as files-service stored it
   */
  Future<JsonObject> upload(AuthContext who, String name, JsonObject data) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(data.getString("base64", ""));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new ParseException(ParseErrorCode.FILE_SAVE_ERROR,
          "The file's base64 data is not valid."));
    }
    String type = data.getString("_ContentType", "application/octet-stream");
    return call(HttpMethod.POST, who, name, Buffer.buffer(bytes), type);
  }

  /** The SDK's {@code DELETE files/:name}; files-service asks for the master key. */
  Future<JsonObject> delete(AuthContext who, String name) {
    return call(HttpMethod.DELETE, who, name, null, null);
  }

  private Future<JsonObject> call(HttpMethod method, AuthContext who, String name, Buffer body,
      String type) {
    JsonObject claims = new JsonObject().put(FilesAuth.MASTER, who.master());
    if (who.userId() != null) {
      claims.put(FilesAuth.USER_ID, who.userId());
    }
    String token = tokens.generateToken(claims, new JWTOptions().setAlgorithm("HS256")
        .setExpiresInSeconds(FilesAuth.TTL_SECONDS));
    return vertx.eventBus().<JsonObject>request(EventBusAddresses.FILES_ENDPOINT,
            new JsonObject(), new DeliveryOptions().setSendTimeout(timeoutMillis))
        .map(Message::body)
        .recover(e -> Future.failedFuture(new ParseException(
            ParseErrorCode.SERVICE_UNAVAILABLE, "files-service did not answer")))
        .compose(at -> client.request(new RequestOptions().setMethod(method)
            .setHost(at.getString("host")).setPort(at.getInteger("port"))
            .setURI("/files/" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                .replace("+", "%20"))
            .setTimeout(timeoutMillis)))
        .compose(request -> {
          request.putHeader(FilesAuth.HEADER, token);
          if (body == null) {
            return request.send();
          }
          request.putHeader(HttpHeaders.CONTENT_TYPE, type);
          return request.send(body);
        })
        .compose(CloudFiles::answer);
  }

  private static Future<JsonObject> answer(HttpClientResponse response) {
    return response.body().compose(body -> {
      JsonObject json;
      try {
        json = body.length() == 0 ? new JsonObject() : body.toJsonObject();
      } catch (RuntimeException e) {
        json = new JsonObject();
      }
      if (response.statusCode() < 400) {
        return Future.succeededFuture(json);
      }
      ParseErrorCode code = ParseErrorCode.of(json.getInteger("code",
          response.statusCode() == 413 ? ParseErrorCode.FILE_SAVE_ERROR.code() : 1));
      return Future.failedFuture(new ParseException(code == null
          ? ParseErrorCode.INTERNAL_SERVER_ERROR : code, json.getString("error",
          "File request failed.")));
    });
  }
}
