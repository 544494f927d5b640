package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
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

  private static JsonObject transaction(JsonArray requests) {
    return new JsonObject().put("transaction", true).put("requests", requests);
  }

  /**
   * {@code transaction: true} is all or nothing on PostgreSQL, new classes and fields included;
   * mongo-java-server has no transactions, so there it is refused with 108 and nothing runs.
   */
  @Test
  void transactionsAreAllOrNothing() {
    JsonArray failing = new JsonArray()
        .add(op("POST", "/parse/classes/Tx", new JsonObject().put("n", 1)))
        .add(op("POST", "/parse/classes/TxNew", new JsonObject().put("fresh", "field")))
        .add(op("POST", "/parse/classes/Tx", new JsonObject().put("n", "not a number")));
    if (!onPostgres()) {
      expectError(request(HttpMethod.POST, "/batch", transaction(failing)), 400, 108);
      assertEquals(0, expect(request(HttpMethod.GET, "/classes/Tx", null), 200)
          .getJsonArray("results").size());
      return;
    }
    expect(request(HttpMethod.POST, "/classes/Tx", new JsonObject().put("n", 0)), 201);
    expectError(request(HttpMethod.POST, "/batch", transaction(failing)), 400, 111);
    assertEquals(1, expect(request(HttpMethod.GET, "/classes/Tx", null), 200)
        .getJsonArray("results").size(), "the first create was rolled back");
    expectError(request(HttpMethod.GET, "/schemas/TxNew", Map.of(ParseHeaders.APPLICATION_ID,
        APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY), null), 400, 103);

    var response = request(HttpMethod.POST, "/batch", transaction(new JsonArray()
        .add(op("POST", "/parse/classes/Tx", new JsonObject().put("n", 1)))
        .add(op("POST", "/parse/classes/TxNew", new JsonObject().put("fresh", "field")))
        .add(op("GET", "/parse/classes/Tx", new JsonObject().put("where",
            new JsonObject().put("n", 1))))));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonArray results = response.bodyAsJsonArray();
    assertEquals(3, results.size(), results.encode());
    assertEquals(1, results.getJsonObject(2).getJsonObject("success").getJsonArray("results")
        .size(), "a read inside the transaction sees its writes");
    assertEquals("field", expect(request(HttpMethod.GET, "/classes/TxNew", null), 200)
        .getJsonArray("results").getJsonObject(0).getString("fresh"));
    expectError(request(HttpMethod.POST, "/batch", transaction(new JsonArray().add(op("POST",
        "/parse/classes/_User", new JsonObject().put("username", "u").put("password", "p"))))),
        400, 108);
  }

  @Test
  void malformedBatchesAreRefused() {
    expectError(request(HttpMethod.POST, "/batch", new JsonObject().put("requests", "all")),
        400, 107);
  }
}
