package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** {@code POST /batch}: per-request results and errors, in order. */
class BatchApiTest extends ApiTestBase {

  private static JsonObject op(String method, String path, JsonObject body) {
    JsonObject op = new JsonObject().put("method", method).put("path", path);
    return body == null ? op : op.put("body", body);
  }

  private static JsonArray batch(JsonArray requests) {
    var response = request(HttpMethod.POST, "/batch", new JsonObject().put("requests", requests));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonArray();
  }

  @Test
  void runsEachRequestAndAnswersInOrder() {
    String id = create("Batched", new JsonObject().put("n", 0)).getString("objectId");
    JsonArray results = batch(new JsonArray()
        .add(op("POST", "/parse/classes/Batched", new JsonObject().put("n", 1)))
        .add(op("POST", "/classes/Batched", new JsonObject().put("n", 2)))
        .add(op("PUT", "/parse/classes/Batched/" + id, new JsonObject().put("n",
            new JsonObject().put("__op", "Increment").put("amount", 5))))
        .add(op("GET", "/parse/classes/Batched/" + id, null))
        .add(op("GET", "/parse/classes/Batched", new JsonObject().put("where",
            new JsonObject().put("n", new JsonObject().put("$gte", 1))).put("order", "n")))
        .add(op("DELETE", "/parse/classes/Batched/" + id, null)));
    assertEquals(6, results.size(), results.encodePrettily());
    assertTrue(results.getJsonObject(0).getJsonObject("success").containsKey("objectId"));
    assertTrue(results.getJsonObject(1).getJsonObject("success").containsKey("createdAt"));
    assertEquals(5, results.getJsonObject(2).getJsonObject("success").getInteger("n"));
    assertEquals(id, results.getJsonObject(3).getJsonObject("success").getString("objectId"));
    assertTrue(results.getJsonObject(4).getJsonObject("success").getJsonArray("results")
        .size() >= 2);
    assertEquals(new JsonObject(), results.getJsonObject(5).getJsonObject("success"));
    expectError(request(HttpMethod.GET, "/classes/Batched/" + id, null), 404, 101);
  }

  @Test
  void aFailedRequestDoesNotStopTheOthers() {
    JsonArray results = batch(new JsonArray()
        .add(op("POST", "/parse/classes/Mixed", new JsonObject().put("n", 1)))
        .add(op("POST", "/parse/classes/Mixed", new JsonObject().put("n", "text")))
        .add(op("GET", "/parse/classes/Mixed/missing0001", null))
        .add(op("POST", "/parse/nowhere", new JsonObject()))
        .add(op("POST", "/parse/classes/Mixed", new JsonObject().put("n", 3))));
    assertTrue(results.getJsonObject(0).containsKey("success"));
    assertEquals(111, results.getJsonObject(1).getJsonObject("error").getInteger("code"));
    assertEquals(101, results.getJsonObject(2).getJsonObject("error").getInteger("code"));
    assertEquals(107, results.getJsonObject(3).getJsonObject("error").getInteger("code"));
    assertTrue(results.getJsonObject(4).containsKey("success"));
  }

  @Test
  void transactionsAreRefusedClearlyOnThisDatabase() {
    expectError(request(HttpMethod.POST, "/batch", new JsonObject().put("transaction", true)
        .put("requests", new JsonArray().add(op("POST", "/parse/classes/Tx",
            new JsonObject().put("n", 1))))), 400, 108);
    assertEquals(0, expect(request(HttpMethod.GET, "/classes/Tx", null), 200)
        .getJsonArray("results").size());
  }

  @Test
  void malformedBatchesAreRefused() {
    expectError(request(HttpMethod.POST, "/batch", new JsonObject().put("requests", "all")),
        400, 107);
  }
}
