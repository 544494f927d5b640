package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code beforeSave}, {@code afterSave} and {@code beforeDelete} on {@code Parse.File}: a
 * beforeSave refuses by name or size before anything is stored, the afterSave sees the stored
 * name, and a beforeDelete keeps a file.
 */
class CloudFileTriggersApiTest extends ApiTestBase {

  @BeforeAll
  static void bootWithCloudCode() throws Exception {
    Path main = Path.of(CloudFileTriggersApiTest.class.getResource("/cloud/main.js").toURI());
    withConfig(Map.of("cloud", main.toString()));
  }

  private static HttpResponse<Buffer> upload(String name, int size) {
    return client.postAbs(url("/files/" + name)).putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY).putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("x".repeat(size))).await();
  }

  @Test
  void fileTriggersRefuseFollowAndKeep() {
    JsonObject stored = expect(upload("keep-me.txt", 10), 201);
    String name = stored.getString("name");
    PushApiTest.waitUntil(() -> expect(client.requestAbs(HttpMethod.GET, url("/classes/FileLog"))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY)
        .addQueryParam("where", new JsonObject().put("name", name).encode()).send().await(),
        200).getJsonArray("results").size() == 1, 10_000);

    assertEquals("no forbidden files", expectError(upload("forbidden.txt", 10), 400, 130)
        .getString("error"));
    assertEquals("too big for this app", expectError(upload("big.txt", 2_000), 400, 141)
        .getString("error"));

    assertEquals("this file is kept", expectError(client.requestAbs(HttpMethod.DELETE,
        url("/files/" + name)).putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY).send().await(), 400, 141)
        .getString("error"));
    String other = expect(upload("plain.txt", 10), 201).getString("name");
    expect(client.requestAbs(HttpMethod.DELETE, url("/files/" + other))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY).send().await(), 200);
  }

  @Test
  void cloudCodeSavesAndDeletesFilesThroughTheSameChecks() {
    JsonObject saved = expect(request(HttpMethod.POST, "/functions/fileSave", new JsonObject()
        .put("name", "cloud-note.txt")), 200).getJsonObject("result");
    String name = saved.getString("name");
    assertEquals(true, name.endsWith("cloud-note.txt"), saved::encode);
    assertEquals(true, saved.getString("url").endsWith("/files/" + APP_ID + "/" + name));
    String download = url("/files/" + APP_ID + "/" + name);
    HttpResponse<Buffer> content = client.getAbs(download).send().await();
    assertEquals(200, content.statusCode());
    assertEquals("hello from cloud", content.bodyAsString());

    assertEquals("no forbidden files", expectError(request(HttpMethod.POST,
        "/functions/fileSave", new JsonObject().put("name", "forbidden.txt")), 400, 130)
        .getString("error"), "the file triggers apply to cloud code's uploads");

    assertEquals("deleted", expect(request(HttpMethod.POST, "/functions/fileDelete",
        new JsonObject().put("name", name)), 200).getString("result"));
    assertEquals(404, client.getAbs(download).send().await().statusCode());
  }
}
