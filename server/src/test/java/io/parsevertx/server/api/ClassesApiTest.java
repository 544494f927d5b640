package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /classes} over HTTP through the gateway, against a real MongoDB wire server. */
class ClassesApiTest extends ApiTestBase {
  private static final Pattern OBJECT_ID = Pattern.compile("^[A-Za-z0-9]{10}$");
  private static final Pattern ISO_MILLIS =
      Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$");

  @BeforeAll
  static void seedScores() {
    for (int i = 0; i < 12; i++) {
      create("Score", new JsonObject().put("value", i).put("parity", i % 2 == 0 ? "even" : "odd")
          .put("tags", new JsonArray().add("t" + i % 3))
          .put("meta", new JsonObject().put("level", i / 4))
          .put(i % 3 == 0 ? "rare" : "common", true));
    }
  }

  @Test
  void createReturnsIdTimestampAndLocation() {
    var response = request(HttpMethod.POST, "/classes/GameScore",
        new JsonObject().put("score", 1337).put("playerName", "Sean Plott"));
    JsonObject created = expect(response, 201);
    assertEquals(2, created.size());
    assertTrue(OBJECT_ID.matcher(created.getString("objectId")).matches());
    assertTrue(ISO_MILLIS.matcher(created.getString("createdAt")).matches());
    assertEquals(url("/classes/GameScore/" + created.getString("objectId")),
        response.getHeader("Location"));
  }

  @Test
  void getUpdateDeleteLifecycle() {
    String id = create("Life", new JsonObject().put("n", 1)).getString("objectId");
    JsonObject got = expect(request(HttpMethod.GET, "/classes/Life/" + id, null), 200);
    assertEquals(1, got.getInteger("n"));
    assertEquals(got.getString("createdAt"), got.getString("updatedAt"));

    JsonObject updated = expect(request(HttpMethod.PUT, "/classes/Life/" + id,
        new JsonObject().put("n", 2).put("extra", "x")), 200);
    assertEquals(List.of("updatedAt"), List.copyOf(updated.fieldNames()));
    assertTrue(Instant.parse(updated.getString("updatedAt"))
        .isAfter(Instant.parse(got.getString("createdAt")).minusMillis(1)));
    got = expect(request(HttpMethod.GET, "/classes/Life/" + id, null), 200);
    assertEquals(2, got.getInteger("n"));
    assertEquals("x", got.getString("extra"));

    assertEquals(new JsonObject(),
        expect(request(HttpMethod.DELETE, "/classes/Life/" + id, null), 200));
    expectError(request(HttpMethod.GET, "/classes/Life/" + id, null), 404, 101);
    expectError(request(HttpMethod.DELETE, "/classes/Life/" + id, null), 404, 101);
    expectError(request(HttpMethod.PUT, "/classes/Life/" + id, new JsonObject().put("n", 3)),
        404, 101);
  }

  @Test
  void updateOperatorsAnswerWithNewValues() {
    String id = create("Ops", new JsonObject().put("count", 1).put("list",
        new JsonArray().add("a"))).getString("objectId");
    JsonObject updated = expect(request(HttpMethod.PUT, "/classes/Ops/" + id, new JsonObject()
        .put("count", new JsonObject().put("__op", "Increment").put("amount", 5))
        .put("list", new JsonObject().put("__op", "AddUnique")
            .put("objects", new JsonArray().add("a").add("b")))), 200);
    assertEquals(6, updated.getInteger("count"));
    assertEquals(new JsonArray().add("a").add("b"), updated.getJsonArray("list"));
    expect(request(HttpMethod.PUT, "/classes/Ops/" + id, new JsonObject()
        .put("list", new JsonObject().put("__op", "Delete"))), 200);
    assertFalse(expect(request(HttpMethod.GET, "/classes/Ops/" + id, null), 200)
        .containsKey("list"));
  }

  @Test
  void parseTypesRoundTripInParseEncoding() {
    JsonObject object = new JsonObject()
        .put("when", new JsonObject().put("__type", "Date").put("iso", "2022-01-01T12:23:45.678Z"))
        .put("owner", new JsonObject().put("__type", "Pointer").put("className", "_User")
            .put("objectId", "abcdefghij"))
        .put("spot", new JsonObject().put("__type", "GeoPoint").put("latitude", 12.5)
            .put("longitude", -7.25))
        .put("photo", new JsonObject().put("__type", "File").put("name", "tfss-a b.png"))
        .put("raw", new JsonObject().put("__type", "Bytes").put("base64", "AAECAwQ="))
        .put("nested", new JsonObject().put("at", new JsonObject().put("__type", "Date")
            .put("iso", "2021-02-03T04:05:06.007Z")));
    String id = create("Typed", object).getString("objectId");
    JsonObject got = expect(request(HttpMethod.GET, "/classes/Typed/" + id, null), 200);
    for (String field : List.of("when", "owner", "spot", "raw", "nested")) {
      assertEquals(object.getValue(field), got.getValue(field), field);
    }
    JsonObject photo = got.getJsonObject("photo");
    assertEquals("tfss-a b.png", photo.getString("name"));
    assertEquals(PUBLIC_URL + "/files/" + APP_ID + "/tfss-a%20b.png", photo.getString("url"));
  }

  static Stream<Arguments> queries() {
    return Stream.of(
        Arguments.of("equality", "{\"value\":3}", List.of(3)),
        Arguments.of("$lt", "{\"value\":{\"$lt\":2}}", List.of(0, 1)),
        Arguments.of("$lte", "{\"value\":{\"$lte\":2}}", List.of(0, 1, 2)),
        Arguments.of("$gt", "{\"value\":{\"$gt\":9}}", List.of(10, 11)),
        Arguments.of("$gte", "{\"value\":{\"$gte\":10}}", List.of(10, 11)),
        Arguments.of("range", "{\"value\":{\"$gt\":3,\"$lt\":6}}", List.of(4, 5)),
        Arguments.of("$ne", "{\"parity\":{\"$ne\":\"even\"},\"value\":{\"$lt\":5}}",
            List.of(1, 3)),
        Arguments.of("$in", "{\"value\":{\"$in\":[2,4,99]}}", List.of(2, 4)),
        Arguments.of("$nin", "{\"value\":{\"$nin\":[0,1,2,3,4,5,6,7,8,9]}}", List.of(10, 11)),
        Arguments.of("$exists true", "{\"rare\":{\"$exists\":true}}", List.of(0, 3, 6, 9)),
        Arguments.of("$exists false", "{\"common\":{\"$exists\":false}}", List.of(0, 3, 6, 9)),
        Arguments.of("array contains", "{\"tags\":\"t1\"}", List.of(1, 4, 7, 10)),
        Arguments.of("nested key", "{\"meta.level\":2}", List.of(8, 9, 10, 11)),
        Arguments.of("two fields", "{\"parity\":\"odd\",\"value\":{\"$gte\":7}}",
            List.of(7, 9, 11)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void whereConstraints(String name, String where, List<Integer> expected) {
    JsonObject body = expect(request(HttpMethod.GET, "/classes/Score?order=value&where="
        + encode(where), null), 200);
    assertEquals(expected, values(body));
  }

  @Test
  void orderLimitSkipCountAndKeys() {
    JsonObject page = expect(request(HttpMethod.GET,
        "/classes/Score?order=-value&limit=3&skip=2&count=1&keys=value", null), 200);
    assertEquals(List.of(9, 8, 7), values(page));
    assertEquals(12, page.getInteger("count"));
    JsonObject first = page.getJsonArray("results").getJsonObject(0);
    assertFalse(first.containsKey("parity"), first::encode);
    assertNotNull(first.getString("objectId"));
    assertNotNull(first.getString("createdAt"));

    JsonObject onlyCount = expect(request(HttpMethod.GET,
        "/classes/Score?count=1&limit=0&where=" + encode("{\"parity\":\"odd\"}"), null), 200);
    assertEquals(0, onlyCount.getJsonArray("results").size());
    assertEquals(6, onlyCount.getInteger("count"));

    JsonObject multiKey = expect(request(HttpMethod.GET,
        "/classes/Score?order=parity,-value&limit=2", null), 200);
    assertEquals(List.of(10, 8), values(multiKey));
  }

  @Test
  void hintsAndReadPreference() {
    assertEquals(List.of(0, 1), values(expect(request(HttpMethod.GET, "/classes/Score?order=value"
        + "&limit=2&readPreference=secondary_preferred&hint=" + encode("{\"value\":1}"), null),
        200)));
    expectError(request(HttpMethod.GET, "/classes/Score?readPreference=somewhere", null), 400,
        102);
    expectError(request(HttpMethod.GET, "/classes/Score?explain=true", null), 400, 119);
    var explained = request(HttpMethod.GET, "/classes/Score?explain=true&where="
        + encode("{\"value\":1}"), java.util.Map.of(io.parsevertx.common.ParseHeaders
            .APPLICATION_ID, APP_ID, io.parsevertx.common.ParseHeaders.MASTER_KEY, MASTER_KEY),
        null);
    if (System.getenv("MONGO_URI") == null && !onPostgres()) {
      // note: mongo-java-server has no explain command; a clear 102, never a 500 (PostgreSQL
      // and real MongoDB answer with their plan)
      assertTrue(expectError(explained, 400, 102).getString("error").contains("explain"));
    } else {
      assertTrue(expect(explained, 200).getValue("results") instanceof JsonObject);
    }
  }

  @Test
  void defaultLimitIsOneHundred() {
    for (int i = 0; i < 105; i++) {
      create("Many", new JsonObject().put("i", i));
    }
    assertEquals(100, expect(request(HttpMethod.GET, "/classes/Many", null), 200)
        .getJsonArray("results").size());
    assertEquals(105, expect(request(HttpMethod.GET, "/classes/Many?limit=1000", null), 200)
        .getJsonArray("results").size());
  }

  @Test
  void unknownClassQueriesAreEmpty() {
    assertEquals(new JsonObject().put("results", new JsonArray()),
        expect(request(HttpMethod.GET, "/classes/NeverWritten", null), 200));
    expectError(request(HttpMethod.GET, "/classes/NeverWritten/abc", null), 404, 101);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("type clash", HttpMethod.POST, "/classes/Score", "{\"value\":\"ten\"}", 111),
        Arguments.of("invalid class name", HttpMethod.POST, "/classes/Bad-Name", "{\"a\":1}",
            103),
        Arguments.of("invalid field name", HttpMethod.POST, "/classes/Score", "{\"_x\":1}", 105),
        Arguments.of("objectId in create", HttpMethod.POST, "/classes/Score",
            "{\"objectId\":\"abc\"}", 105),
        Arguments.of("bad JSON body", HttpMethod.POST, "/classes/Score", "{oops", 107),
        Arguments.of("array body", HttpMethod.POST, "/classes/Score", "[1,2]", 107),
        Arguments.of("bad typed value", HttpMethod.POST, "/classes/Score",
            "{\"d\":{\"__type\":\"Date\",\"iso\":\"soon\"}}", 107),
        Arguments.of("bad ACL", HttpMethod.POST, "/classes/Score",
            "{\"ACL\":{\"*\":{\"read\":\"yes\"}}}", 123),
        Arguments.of("bad where JSON", HttpMethod.GET, "/classes/Score?where=%7Bbad", null, 107),
        Arguments.of("bad operator", HttpMethod.GET, "/classes/Score?where="
            + encode("{\"value\":{\"$regexx\":1}}"), null, 102),
        Arguments.of("bad limit", HttpMethod.GET, "/classes/Score?limit=many", null, 117),
        Arguments.of("bad skip", HttpMethod.GET, "/classes/Score?skip=-3", null, 118),
        Arguments.of("$relatedTo without objectId", HttpMethod.GET, "/classes/Score?where="
            + encode("{\"$relatedTo\":{\"object\":{\"__type\":\"Pointer\",\"className\":"
            + "\"Post\"},\"key\":\"likes\"}}"), null, 104),
        Arguments.of("bad key in where", HttpMethod.GET, "/classes/Score?where="
            + encode("{\"$where\":\"1\"}"), null, 105),
        Arguments.of("relation of non-pointers", HttpMethod.POST, "/classes/Score",
            "{\"r\":{\"__op\":\"AddRelation\",\"objects\":[{\"className\":\"_User\"}]}}",
            106),
        Arguments.of("bad include depth", HttpMethod.GET, "/classes/Score?include="
            + "a.b.c.d.e.f.g.h.i.j.k", null, 102));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesWithParseErrors(String name, HttpMethod method, String path, String body,
      int code) {
    expectError(request(method, path, body), 400, code);
  }

  @Test
  void aRefusedWriteStoresNothing() {
    long before = count("Score");
    expectError(request(HttpMethod.POST, "/classes/Score",
        new JsonObject().put("value", "ten").put("fresh", 1)), 400, 111);
    assertEquals(before, count("Score"));
    assertEquals(0, expect(request(HttpMethod.GET, "/classes/Score?where="
        + encode("{\"fresh\":{\"$exists\":true}}"), null), 200).getJsonArray("results").size());
  }

  private static long count(String className) {
    return expect(request(HttpMethod.GET, "/classes/" + className + "?count=1&limit=0", null),
        200).getLong("count");
  }

  private static List<Integer> values(JsonObject body) {
    return body.getJsonArray("results").stream()
        .map(o -> ((JsonObject) o).getInteger("value")).toList();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
