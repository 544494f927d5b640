package io.parsevertx.server.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A local HTTP server speaking what the Firebase Admin SDK uses of Google: the OAuth token
 * endpoint (the service account's {@code token_uri}) and FCM's HTTP v1
 * {@code POST /v1/projects/:project/messages:send}, answering {@code UNREGISTERED} for the
 * tokens in {@link #unregistered}.
 */
final class FcmStub implements AutoCloseable {
  static final String PROJECT = "parse-test";
  /** Each {@code message} received, with the bearer token it came with as {@code auth}. */
  final ConcurrentLinkedQueue<JsonObject> received = new ConcurrentLinkedQueue<>();
  final Set<String> unregistered = ConcurrentHashMap.newKeySet();
  private final HttpServer server;
  final int port;

  FcmStub(Vertx vertx) {
    server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      String path = request.path();
      if (path.equals("/token")) {
        request.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("access_token", "stub-access-token")
                .put("expires_in", 3600).put("token_type", "Bearer").encode());
      } else if (path.equals("/v1/projects/" + PROJECT + "/messages:send")) {
        JsonObject message = body.toJsonObject().getJsonObject("message");
        received.add(message.copy().put("auth", request.getHeader("Authorization")));
        if (unregistered.contains(message.getString("token"))) {
          request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("error", new JsonObject().put("code", 404)
                  .put("message", "Requested entity was not found.").put("status", "NOT_FOUND")
                  .put("details", new JsonArray().add(new JsonObject()
                      .put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError")
                      .put("errorCode", "UNREGISTERED")))).encode());
        } else {
          request.response().putHeader("Content-Type", "application/json")
              .end(new JsonObject().put("name", "projects/" + PROJECT + "/messages/"
                  + received.size()).encode());
        }
      } else {
        request.response().setStatusCode(404).end();
      }
    })).listen(0).await();
    port = server.actualPort();
  }

  /** A service-account JSON whose tokens come from this server (the key is the test key). */
  String serviceAccount() throws Exception {
    String key = Files.readString(MockApns.file("client-pkcs8.key").toPath());
    return new JsonObject().put("type", "service_account").put("project_id", PROJECT)
        .put("private_key_id", "test-key").put("private_key", key)
        .put("client_email", "push@" + PROJECT + ".iam.gserviceaccount.com")
        .put("client_id", "1").put("token_uri", "http://localhost:" + port + "/token")
        .encode();
  }

  @Override
  public void close() {
    server.close().await();
  }
}
