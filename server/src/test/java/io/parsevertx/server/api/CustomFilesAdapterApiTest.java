package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code filesAdapter} naming a class of the deployment's own ({@link MemoryFilesAdapter}),
 * with its options, as Parse Server takes {@code {"module", "options"}}: it replaces the
 * default adapter for uploads, ranged downloads and deletion.
 */
class CustomFilesAdapterApiTest extends ApiTestBase {

  @BeforeAll
  static void ownAdapter() {
    withConfig(Map.of("filesAdapter", new JsonObject().put("module",
        MemoryFilesAdapter.class.getName()).put("options", new JsonObject()
            .put("label", "in memory")).encode()));
  }

  @Test
  void theConfiguredClassStoresAndServes() {
    assertEquals("in memory", MemoryFilesAdapter.lastOptions.getString("label"));
    HttpResponse<Buffer> uploaded = client.postAbs(url("/files/custom.txt"))
        .putHeader(ParseHeaders.APPLICATION_ID, APP_ID)
        .putHeader(ParseHeaders.MASTER_KEY, MASTER_KEY).putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("kept by my adapter")).await();
    String name = expect(uploaded, 201).getString("name");
    assertTrue(MemoryFilesAdapter.FILES.containsKey(name), "stored by the custom adapter");
    String path = "/files/" + APP_ID + "/" + name;
    assertEquals("kept by my adapter", client.getAbs(url(path)).send().await().bodyAsString());
    HttpResponse<Buffer> part = client.getAbs(url(path)).putHeader("Range", "bytes=5-6")
        .send().await();
    assertEquals(206, part.statusCode());
    assertEquals("by", part.bodyAsString());
    expect(request(HttpMethod.DELETE, "/files/" + name, Map.of(ParseHeaders.APPLICATION_ID,
        APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY), null), 200);
    assertTrue(!MemoryFilesAdapter.FILES.containsKey(name));
  }
}
