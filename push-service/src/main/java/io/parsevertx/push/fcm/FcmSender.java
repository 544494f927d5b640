package io.parsevertx.push.fcm;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.SendResponse;
import io.parsevertx.common.options.PushOptions.FcmConfig;
import io.parsevertx.push.PushResult;
import io.parsevertx.push.adapter.ParsePushAdapter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Android through FCM's HTTP v1 API with the Firebase Admin SDK. The SDK blocks, so every send
 * runs on a worker thread, in chunks of {@value #CHUNK} messages ({@code sendEach}). The payload
 * is the one Parse's Android SDK reads: {@code data} as a JSON string beside {@code push_id} and
 * {@code time}, high priority, the time to live from {@code expiration_time}.
 */
public final class FcmSender {
  private static final Logger LOG = LoggerFactory.getLogger(FcmSender.class);
  /** FCM's own limit for one sendEach call. */
  static final int CHUNK = 500;
  private static final String FCM_ROOT = "https://fcm.googleapis.com";
  private static final Set<MessagingErrorCode> GONE = Set.of(MessagingErrorCode.UNREGISTERED,
      MessagingErrorCode.SENDER_ID_MISMATCH);

  private final Vertx vertx;
  private final FirebaseApp app;
  private final FirebaseMessaging messaging;

  private FcmSender(Vertx vertx, FirebaseApp app) {
    this.vertx = vertx;
    this.app = app;
    this.messaging = FirebaseMessaging.getInstance(app);
  }

  /** Builds the Firebase app from the service account (on a worker thread). */
  public static Future<FcmSender> open(Vertx vertx, FcmConfig config) {
    return vertx.executeBlocking(() -> {
      GoogleCredentials credentials = GoogleCredentials.fromStream(new ByteArrayInputStream(
          config.serviceAccount().encode().getBytes(StandardCharsets.UTF_8)));
      FirebaseOptions.Builder options = FirebaseOptions.builder().setCredentials(credentials)
          .setProjectId(config.serviceAccount().getString("project_id"));
      if (config.fcmEndpoint() != null) {
        options.setHttpTransport(redirectedTo(config.fcmEndpoint()));
      }
      FirebaseApp app = FirebaseApp.initializeApp(options.build(),
          "parse-push-" + UUID.randomUUID());
      LOG.info("event=fcm_configured project={}", config.serviceAccount()
          .getString("project_id"));
      return new FcmSender(vertx, app);
    });
  }

  /** FCM requests sent to another root URL (a test server) instead of Google's. */
  private static NetHttpTransport redirectedTo(String endpoint) {
    String root = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1)
        : endpoint;
    return new NetHttpTransport.Builder().setConnectionFactory(url -> (HttpURLConnection)
        new URL(url.toString().replace(FCM_ROOT, root)).openConnection()).build();
  }

  public ParsePushAdapter.Provider asProvider() {
    return new ParsePushAdapter.Provider() {
      @Override
      public List<String> platforms() {
        return List.of("android");
      }

      @Override
      public Future<List<PushResult>> send(JsonObject body, List<JsonObject> installations) {
        return FcmSender.this.send(body, installations);
      }

      @Override
      public Future<Void> close() {
        return vertx.executeBlocking(() -> {
          app.delete();
          return null;
        });
      }
    };
  }

  Future<List<PushResult>> send(JsonObject body, List<JsonObject> installations) {
    List<Future<List<PushResult>>> chunks = new ArrayList<>();
    for (int from = 0; from < installations.size(); from += CHUNK) {
      List<JsonObject> chunk = installations.subList(from, Math.min(installations.size(),
          from + CHUNK));
      List<Message> messages = chunk.stream().map(i -> message(body, i)).toList();
      chunks.add(vertx.executeBlocking(() -> results(chunk, messaging.sendEach(messages)),
          false));
    }
    return Future.all(chunks).map(all -> chunks.stream().flatMap(f -> f.result().stream())
        .toList());
  }

  private static Message message(JsonObject body, JsonObject installation) {
    JsonObject data = body.getJsonObject("data", new JsonObject()).copy();
    if (installation.getValue("badge") instanceof Number badge && data.containsKey("badge")) {
      data.put("badge", badge);
    }
    long now = System.currentTimeMillis();
    AndroidConfig.Builder android = AndroidConfig.builder()
        .setPriority(AndroidConfig.Priority.HIGH)
        .putAllData(Map.of("data", data.encode(), "time", Instant.ofEpochMilli(now).toString(),
            "push_id", body.getString("push_id", "")));
    Number expiration = body.getNumber("expiration_time");
    if (expiration != null) {
      android.setTtl(Math.max(0, expiration.longValue() - now));
    }
    return Message.builder().setToken(installation.getString("deviceToken"))
        .setAndroidConfig(android.build()).build();
  }

  private static List<PushResult> results(List<JsonObject> chunk, BatchResponse batch) {
    List<PushResult> results = new ArrayList<>();
    List<SendResponse> responses = batch.getResponses();
    for (int i = 0; i < chunk.size(); i++) {
      String id = chunk.get(i).getString("objectId");
      SendResponse response = responses.get(i);
      if (response.isSuccessful()) {
        results.add(PushResult.sent(id, "android"));
      } else {
        FirebaseMessagingException e = response.getException();
        MessagingErrorCode code = e.getMessagingErrorCode();
        results.add(PushResult.failed(id, "android", code == null ? e.getErrorCode().name()
            : code.name(), code != null && GONE.contains(code)));
      }
    }
    return results;
  }
}
