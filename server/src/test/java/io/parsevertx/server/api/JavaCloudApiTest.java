package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.parsevertx.server.LiveSocket;
import io.parsevertx.server.cloud.SampleJavaCloud;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Java cloud code: a module jar built here (the module class and its META-INF/services entry)
 * and named by {@code --cloud}; its functions, triggers (saves, deletes, finds, log-ins, files),
 * jobs and in-process SDK calls over HTTP.
 */
class JavaCloudApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);

  @BeforeAll
  static void bootWithAJavaCloudJar() throws Exception {
    Path jar = Files.createTempDirectory("java-cloud").resolve("app-cloud.jar");
    String classFile = SampleJavaCloud.class.getName().replace('.', '/') + ".class";
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream entries = new JarOutputStream(out)) {
      entries.putNextEntry(new JarEntry("META-INF/services/"
          + "io.parsevertx.cloud.java.CloudCodeModule"));
      entries.write((SampleJavaCloud.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      entries.putNextEntry(new JarEntry(classFile));
      try (var in = SampleJavaCloud.class.getClassLoader().getResourceAsStream(classFile)) {
        in.transferTo(entries);
      }
    }
    withConfig(Map.of("cloud", jar.toString(),
        "liveQuery", "{\"classNames\":[\"JavaRoom\",\"JavaTicker\"]}"));
  }

  @Test
  void javaFunctionsAnswer() {
    assertEquals(new JsonObject().put("result", "Hello from Java, Ada!"),
        expect(request(HttpMethod.POST, "/functions/javaHello", new JsonObject()
            .put("name", "Ada")), 200));
    expectError(request(HttpMethod.POST, "/functions/javaWhoAmI", new JsonObject()), 400,
        142);
    JsonObject user = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "java-caller").put("password", "pw")), 201);
    assertEquals("java-caller", expect(request(HttpMethod.POST, "/functions/javaWhoAmI",
        Map.of(ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN,
            user.getString("sessionToken")), new JsonObject()), 200).getString("result"));
    expectError(request(HttpMethod.POST, "/functions/noSuchJavaFunction", new JsonObject()),
        400, 141);
  }

  @Test
  void javaTriggersAndTheInProcessSdk() {
    String id = create("JavaScore", new JsonObject().put("player", "grace").put("points", 4))
        .getString("objectId");
    create("JavaScore", new JsonObject().put("player", "grace").put("points", 8));
    JsonObject stored = expect(request(HttpMethod.GET, "/classes/JavaScore/" + id, null), 200);
    assertEquals(true, stored.getBoolean("checked"), stored::encode);
    assertEquals("java", stored.getString("source"));
    assertEquals("points must not be negative", expectError(request(HttpMethod.POST,
        "/classes/JavaScore", new JsonObject().put("points", -1)), 400, 142)
        .getString("error"));
    assertEquals(6.0, expect(request(HttpMethod.POST, "/functions/javaAverage",
        new JsonObject().put("player", "grace")), 200).getDouble("result"));
    PushApiTest.waitUntil(() -> expect(client.requestAbs(HttpMethod.GET,
        url("/classes/JavaAudit")).putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .addQueryParam("where", new JsonObject().put("scoreId", id).encode()).send().await(),
        200).getJsonArray("results").size() == 1, 10_000);

    String locked = create("JavaScore", new JsonObject().put("points", 1).put("locked", true))
        .getString("objectId");
    assertEquals("locked scores stay", expectError(request(HttpMethod.DELETE,
        "/classes/JavaScore/" + locked, null), 400, 141).getString("error"));
    expect(request(HttpMethod.DELETE, "/classes/JavaScore/" + id, null), 200);
  }

  @Test
  void aJavaJobRunsAndRecordsItsProgress() {
    create("JavaScore", new JsonObject().put("player", "job").put("points", 1));
    HttpResponse<Buffer> started = request(HttpMethod.POST, "/jobs/javaCountScores", MASTER,
        new JsonObject().put("label", "nightly"));
    assertEquals(new JsonObject(), expect(started, 200));
    String statusId = started.getHeader(ParseHeaders.JOB_STATUS_ID);
    PushApiTest.waitUntil(() -> !"running".equals(expect(request(HttpMethod.GET,
        "/classes/_JobStatus/" + statusId, MASTER, null), 200).getString("status")), 15_000);
    JsonObject status = expect(request(HttpMethod.GET, "/classes/_JobStatus/" + statusId,
        MASTER, null), 200);
    assertEquals("succeeded", status.getString("status"), status::encode);
    assertTrue(status.getString("message").matches("counted \\d+ for nightly"),
        status::encode);
    assertTrue(expect(request(HttpMethod.GET, "/cloud_code/jobs/data", MASTER, null), 200)
        .getJsonArray("jobs").contains("javaCountScores"));
  }

  @Test
  void javaFindTriggersNarrowAndMarkTheResults() {
    create("JavaNote", new JsonObject().put("text", "open").put("public", true));
    create("JavaNote", new JsonObject().put("text", "private").put("public", false));
    JsonArray found = expect(request(HttpMethod.GET, "/classes/JavaNote", null), 200)
        .getJsonArray("results");
    assertEquals(1, found.size(), found::encode);
    assertEquals("open", found.getJsonObject(0).getString("text"));
    assertEquals("java", found.getJsonObject(0).getString("seenBy"));
    assertEquals(2, expect(request(HttpMethod.GET, "/classes/JavaNote", MASTER, null), 200)
        .getJsonArray("results").size());
  }

  @Test
  void aJavaBeforeLoginRefusesAUser() {
    for (String name : new String[] {"java-banned-eve", "java-welcome"}) {
      expect(request(HttpMethod.POST, "/users", new JsonObject().put("username", name)
          .put("password", "pw")), 201);
    }
    assertEquals("banned by Java", expectError(request(HttpMethod.POST, "/login",
        new JsonObject().put("username", "java-banned-eve").put("password", "pw")), 400, 119)
        .getString("error"));
    expect(request(HttpMethod.POST, "/login", new JsonObject().put("username", "java-welcome")
        .put("password", "pw")), 200);
  }

  @Test
  void aJavaFileTriggerRefusesAnUpload() {
    assertEquals("refused by Java, 10 bytes", expectError(upload("java-refused.txt"), 400, 130)
        .getString("error"));
    expect(upload("java-fine.txt"), 201);
  }

  @Test
  void aJavaBeforeSubscribeNarrowsASubscription() {
    try (LiveSocket socket = new LiveSocket(suite.vertx(), suite.gatewayPort(), "/")) {
      socket.send(new JsonObject().put("op", "connect").put("applicationId", APP_ID));
      socket.next("connected");
      socket.send(new JsonObject().put("op", "subscribe").put("requestId", 1).put("query",
          new JsonObject().put("className", "JavaRoom").put("where", new JsonObject())));
      socket.next("subscribed");
      create("JavaRoom", new JsonObject().put("name", "closed").put("open", false));
      String open = create("JavaRoom", new JsonObject().put("name", "lobby").put("open", true))
          .getString("objectId");
      JsonObject created = socket.next("create");
      assertEquals(open, created.getJsonObject("object").getString("objectId"), created::encode);
    }
  }

  @Test
  void aJavaAfterLiveQueryEventChangesOrHoldsBackAnEvent() {
    try (LiveSocket socket = new LiveSocket(suite.vertx(), suite.gatewayPort(), "/")) {
      socket.send(new JsonObject().put("op", "connect").put("applicationId", APP_ID));
      socket.next("connected");
      socket.send(new JsonObject().put("op", "subscribe").put("requestId", 1).put("query",
          new JsonObject().put("className", "JavaTicker").put("where", new JsonObject())));
      socket.next("subscribed");
      create("JavaTicker", new JsonObject().put("name", "hidden").put("hidden", true));
      String shown = create("JavaTicker", new JsonObject().put("name", "shown"))
          .getString("objectId");
      JsonObject object = socket.next("create").getJsonObject("object");
      assertEquals(shown, object.getString("objectId"), object::encode);
      assertEquals("java create", object.getString("seenBy"), object::encode);
    }
  }

  private static HttpResponse<Buffer> upload(String name) {
    return client.postAbs(url("/files/" + name)).putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY).putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("x".repeat(10))).await();
  }
}
