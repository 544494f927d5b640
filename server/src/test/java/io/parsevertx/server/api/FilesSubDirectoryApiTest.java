package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The filesystem adapter chosen as Parse Server deployments name it
 * ({@code @parse/fs-files-adapter}), on either database, with {@code filesSubDirectory}.
 */
class FilesSubDirectoryApiTest extends ApiTestBase {
  private static Path dataDir;

  @BeforeAll
  static void filesystemWithASubDirectory() throws IOException {
    dataDir = Files.createTempDirectory("files-sub");
    withConfig(Map.of("dataDir", dataDir.toString(), "filesAdapter", new JsonObject()
        .put("module", "@parse/fs-files-adapter").put("options", new JsonObject()
            .put("filesSubDirectory", "app1/uploads")).encode()));
  }

  @Test
  void storedUnderTheSubDirectory() throws IOException {
    String name = expect(client.postAbs(url("/files/sub.txt"))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY).putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("in a sub directory")).await(), 201).getString("name");
    assertEquals("in a sub directory", Files.readString(dataDir.resolve("files/app1/uploads")
        .resolve(name)));
    assertEquals("in a sub directory", client.getAbs(url("/files/" + APP_ID + "/" + name))
        .send().await().bodyAsString());
  }
}
