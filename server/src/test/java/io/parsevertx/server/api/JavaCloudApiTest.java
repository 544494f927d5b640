package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.parsevertx.server.cloud.SampleJavaCloud;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
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
 * and named by {@code --cloud}; its functions, triggers and in-process SDK calls over HTTP.
 */
class JavaCloudApiTest extends ApiTestBase {

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
    withConfig(Map.of("cloud", jar.toString()));
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
}
