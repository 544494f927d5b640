package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /aggregate}: pipelines with Parse field names, and distinct. */
class AggregateApiTest extends ApiTestBase {
  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);
  private static String ann;

  @BeforeAll
  static void seed() {
    ann = create("Seller", new JsonObject().put("name", "ann").put("city", "Oslo"))
        .getString("objectId");
    create("Seller", new JsonObject().put("name", "ben").put("city", "Rome"));
    Object[][] sales = {{"Oslo", 10, true}, {"Oslo", 5, false}, {"Rome", 7, false},
        {"Lima", 1, true}};
    for (Object[] sale : sales) {
      JsonObject object = new JsonObject().put("city", sale[0]).put("amount", sale[1])
          .put("tags", new JsonArray().add("t").add(sale[0]));
      if ((Boolean) sale[2]) {
        object.put("seller", new JsonObject().put("__type", "Pointer").put("className", "Seller")
            .put("objectId", ann));
      }
      create("Sale", object);
    }
  }

  private static JsonArray aggregate(String query) {
    return expect(request(HttpMethod.GET, "/aggregate/Sale?" + query, MASTER, null), 200)
        .getJsonArray("results");
  }

  private static String pipeline(String json) {
    return "pipeline=" + URLEncoder.encode(json.replace('\'', '"'), StandardCharsets.UTF_8);
  }

  @Test
  void groupBySumAndSort() {
    JsonArray results = aggregate(pipeline("[{'$group':{'_id':'$city','total':{'$sum':'$amount'}}},"
        + "{'$sort':{'total':-1}}]"));
    assertEquals(new JsonArray("[{\"objectId\":\"Oslo\",\"total\":15},{\"objectId\":\"Rome\","
        + "\"total\":7},{\"objectId\":\"Lima\",\"total\":1}]"), results);
  }

  @Test
  void objectIdStandsForTheGroupKey() {
    JsonArray results = aggregate(pipeline("[{'$group':{'objectId':'$city','n':{'$sum':1}}},"
        + "{'$sort':{'objectId':1}}]"));
    assertEquals("Lima", results.getJsonObject(0).getString("objectId"));
    assertEquals(2, results.getJsonObject(1).getInteger("n"));
  }

  @Test
  void matchUsesParseQueries() {
    String seller = "{'__type':'Pointer','className':'Seller','objectId':'" + ann + "'}";
    JsonArray results = aggregate(pipeline("[{'$match':{'seller':" + seller + "}},{'$count':'n'}]"));
    assertEquals(new JsonArray().add(new JsonObject().put("n", 2)), results);
    JsonArray big = aggregate(pipeline("[{'$match':{'amount':{'$gte':7}}},{'$project':"
        + "{'city':1}},{'$sort':{'city':1}},{'$skip':0},{'$limit':5}]"));
    assertEquals(2, big.size());
    assertEquals("Oslo", big.getJsonObject(0).getString("city"));
    assertTrue(big.getJsonObject(0).containsKey("objectId"));
  }

  @Test
  void unwindAndLookup() {
    JsonArray tags = aggregate(pipeline("[{'$unwind':'$tags'},{'$group':{'_id':'$tags',"
        + "'n':{'$sum':1}}},{'$sort':{'n':-1}},{'$limit':1}]"));
    assertEquals(new JsonObject().put("objectId", "t").put("n", 4), tags.getJsonObject(0));
    JsonArray joined = aggregate(pipeline("[{'$match':{'city':'Rome'}},{'$lookup':{'from':"
        + "'Seller','localField':'city','foreignField':'city','as':'sellers'}}]"));
    assertEquals("ben", joined.getJsonObject(0).getJsonArray("sellers").getJsonObject(0)
        .getString("name"));
  }

  @Test
  void distinctWithAndWithoutWhere() {
    assertEquals(Set.of("Oslo", "Rome", "Lima"), strings(aggregate("distinct=city")));
    assertEquals(Set.of("Oslo", "Lima"), strings(aggregate("distinct=city&where="
        + URLEncoder.encode("{\"amount\":{\"$ne\":7}}", StandardCharsets.UTF_8))));
  }

  @Test
  void refusals() {
    assertEquals(403, request(HttpMethod.GET, "/aggregate/Sale?distinct=city", null)
        .statusCode());
    expectError(request(HttpMethod.GET, "/aggregate/Sale?" + pipeline("[{'$out':'x'}]"), MASTER,
        null), 400, 102);
    expectError(request(HttpMethod.GET, "/aggregate/Sale?pipeline=%5Bbad", MASTER, null), 400,
        107);
  }

  private static Set<String> strings(JsonArray values) {
    Set<String> set = new TreeSet<>();
    values.forEach(v -> set.add(String.valueOf(v)));
    return set;
  }
}
