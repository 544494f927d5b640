package io.parsevertx.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ServerProcess;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image Jib built into {@code target/jib-image.tar} (the Linux build's package
 * phase), run without a container engine: its layers unpacked in order into a root directory,
 * its entrypoint, environment, working directory and user taken from the image config, and run
 * there under {@code unshare} (own mount and PID namespaces, {@code /proc} mounted, root
 * directory changed) - what a container runtime does, minus cgroups and network isolation. The
 * image's Java, libraries and application must be enough on their own: the server answers
 * {@code /health} and stores an object.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the image is built by Linux builds only")
class ContainerImageIT {

  @Test
  void theImageRunsTheSuiteOnItsOwnRuntime(@TempDir Path dir) throws Exception {
    File tar = new File("target/jib-image.tar").getAbsoluteFile();
    assertTrue(tar.isFile(), "the package phase builds " + tar);
    Path unpacked = dir.resolve("image");
    Path root = dir.resolve("rootfs");
    Files.createDirectories(unpacked);
    Files.createDirectories(root);
    run(List.of("tar", "-xf", tar.getPath(), "-C", unpacked.toString()));

    JsonObject manifest = new JsonArray(Files.readString(unpacked.resolve("manifest.json")))
        .getJsonObject(0);
    assertEquals(new JsonArray().add("parse-vertx/parse-server:" + projectVersion()),
        manifest.getJsonArray("RepoTags"));
    for (Object layer : manifest.getJsonArray("Layers")) {
      run(List.of("tar", "--warning=no-unknown-keyword", "-xzf",
          unpacked.resolve(layer.toString()).toString(), "-C", root.toString()));
    }
    JsonObject config = new JsonObject(Files.readString(unpacked.resolve(
        manifest.getString("Config")))).getJsonObject("config");
    assertEquals("65532", config.getString("User"));
    assertTrue(config.getJsonObject("ExposedPorts").containsKey("1337/tcp"), config::encode);
    assertTrue(Files.isExecutable(root.resolve("opt/java/bin/java")), "the image's own Java");
    Files.createDirectories(root.resolve("proc"));

    int port = ServerProcess.freePort();
    List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--kill-child",
        "--fork", "--pid", "--mount-proc=/proc", "--root=" + root,
        "--wd=" + config.getString("WorkingDir")));
    boolean root0 = "0".equals(run(List.of("id", "-u")).trim());
    if (root0) {
      command.addAll(List.of("--setuid", config.getString("User"), "--setgid",
          config.getString("User")));
    } else {
      // note: without root, a user namespace maps this user to root; 65532 is not mapped
      command.add("--map-root-user");
    }
    config.getJsonArray("Entrypoint").forEach(part -> command.add(part.toString()));
    command.addAll(List.of("--appId", "image-app", "--masterKey", "mk", "--port", "" + port,
        "--allowClientClassCreation", "true"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    config.getJsonArray("Env").forEach(e -> {
      String[] pair = e.toString().split("=", 2);
      env.put(pair[0], pair[1]);
    });
    Process process = builder.start();
    Vertx vertx = Vertx.vertx();
    try {
      WebClient client = WebClient.create(vertx);
      String base = "http://127.0.0.1:" + port + "/parse";
      HttpResponse<Buffer> health = null;
      long deadline = System.currentTimeMillis() + 90_000;
      while (System.currentTimeMillis() < deadline && process.isAlive()) {
        try {
          health = client.getAbs(base + "/health").send().await();
          if (health.statusCode() == 200) {
            break;
          }
        } catch (Exception notYet) {
          // still starting
        }
        Thread.sleep(250);
      }
      String log = Files.readString(dir.resolve("server.log"));
      assertTrue(health != null && health.statusCode() == 200, log);
      HttpResponse<Buffer> created = client.postAbs(base + "/classes/GameScore")
          .putHeader(ParseHeaders.APPLICATION_ID, "image-app")
          .sendJsonObject(new JsonObject().put("score", 1)).await();
      assertEquals(201, created.statusCode(), created.bodyAsString());
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      vertx.close().await();
    }
  }

  private static String projectVersion() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"));
    int parent = pom.indexOf("<parent>");
    int start = pom.indexOf("<version>", parent) + "<version>".length();
    return pom.substring(start, pom.indexOf("</version>", start));
  }

  private static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command));
    assertEquals(0, process.exitValue(), () -> String.join(" ", command) + "\n" + output);
    return output;
  }
}
