package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code $text}, {@code $nearSphere} (sorted by distance), {@code $within}/{@code $geoWithin}
 * and {@code $geoIntersects} over REST. They run on PostgreSQL (the {@code postgres-api}
 * execution); mongo-java-server, the in-process MongoDB, has no text search and only part of
 * geo, so there the same requests must fail with a clear Parse error and never a 500.
 */
class GeoTextApiTest extends ApiTestBase {

  @BeforeAll
  static void places() {
    place("Berlin", 52.52, 13.40, "The capital with a quick pace");
    place("Potsdam", 52.39, 13.06, "Quiet lakes near the capital");
    place("Hamburg", 53.55, 9.99, "Harbour city, rain and café culture");
    place("Munich", 48.14, 11.58, "Beer gardens and mountains");
    create("Zone", new JsonObject().put("name", "square").put("area", new JsonObject()
        .put("__type", "Polygon").put("coordinates", new JsonArray("[[52,13],[52,14],[53,14],"
            + "[53,13]]"))));
  }

  private static void place(String name, double lat, double lng, String text) {
    create("City", new JsonObject().put("name", name).put("text", text).put("at",
        new JsonObject().put("__type", "GeoPoint").put("latitude", lat).put("longitude", lng)));
  }

  private static String point(double lat, double lng) {
    return "{'__type':'GeoPoint','latitude':" + lat + ",'longitude':" + lng + "}";
  }

  private static HttpResponse<io.vertx.core.buffer.Buffer> find(String className, String where,
      String extra) {
    return request(HttpMethod.GET, "/classes/" + className + "?where="
        + URLEncoder.encode(where.replace('\'', '"'), StandardCharsets.UTF_8) + extra, null);
  }

  /** The names found in order on PostgreSQL; on mongo-java-server a clear refusal. */
  private static List<String> names(String className, String where, String extra) {
    HttpResponse<io.vertx.core.buffer.Buffer> response = find(className, where, extra);
    if (!onPostgres()) {
      assertNotEquals(500, response.statusCode(), response.bodyAsString());
      return null;
    }
    List<String> names = new ArrayList<>();
    expect(response, 200).getJsonArray("results").forEach(o -> names.add(((JsonObject) o)
        .getString("name")));
    return names;
  }

  private static void expectNames(List<String> expected, List<String> actual) {
    if (actual != null) {
      assertEquals(expected, actual);
    }
  }

  @Test
  void nearSphereSortsByDistanceWithinTheLimit() {
    String berlin = "{'__type':'GeoPoint','latitude':52.52,'longitude':13.40}";
    expectNames(List.of("Berlin", "Potsdam", "Hamburg"), names("City",
        "{'at':{'$nearSphere':" + berlin + ",'$maxDistanceInKilometers':300}}", ""));
    expectNames(List.of("Berlin", "Potsdam"), names("City",
        "{'at':{'$nearSphere':" + berlin + ",'$maxDistanceInMiles':20}}", ""));
    expectNames(List.of("Berlin"), names("City",
        "{'at':{'$nearSphere':" + berlin + "}}", "&limit=1"));
    expectNames(List.of("Berlin", "Potsdam"), names("City",
        "{'at':{'$nearSphere':" + berlin + ",'$maxDistanceInRadians':0.005}}", ""));
    expectNames(List.of("Berlin", "Potsdam"), names("City",
        "{'at':{'$nearSphere':" + berlin + ",'$maxDistance':0.005}}", ""));
  }

  @Test
  void withinBoxPolygonAndCenterSphere() {
    expectNames(List.of("Berlin", "Potsdam"), names("City", "{'at':{'$within':{'$box':["
        + "{'__type':'GeoPoint','latitude':52,'longitude':13},{'__type':'GeoPoint',"
        + "'latitude':53,'longitude':14}]}}}", "&order=name"));
    expectNames(List.of("Berlin", "Hamburg", "Potsdam"), names("City", "{'at':{'$geoWithin':"
        + "{'$polygon':[" + point(51, 9) + "," + point(54, 9) + "," + point(54, 14) + ","
        + point(51, 14) + "]}}}", "&order=name"));
    expectNames(List.of("Berlin", "Potsdam"), names("City", "{'at':{'$geoWithin':"
        + "{'$centerSphere':[[13.4,52.52],0.01]}}}", "&order=name"));
  }

  @Test
  void geoIntersectsAPointInAPolygon() {
    expectNames(List.of("square"), names("Zone", "{'area':{'$geoIntersects':{'$point':"
        + "{'__type':'GeoPoint','latitude':52.5,'longitude':13.5}}}}", ""));
    expectNames(List.of(), names("Zone", "{'area':{'$geoIntersects':{'$point':"
        + "{'__type':'GeoPoint','latitude':10,'longitude':10}}}}", ""));
  }

  @Test
  void textSearchStemsAndIgnoresDiacritics() {
    expectNames(List.of("Berlin", "Potsdam"), names("City",
        "{'text':{'$text':{'$search':{'$term':'capitals'}}}}", "&order=name"));
    expectNames(List.of("Hamburg"), names("City",
        "{'text':{'$text':{'$search':{'$term':'cafe'}}}}", ""));
    expectNames(List.of("Berlin", "Munich"), names("City",
        "{'text':{'$text':{'$search':{'$term':'quick mountains'}}}}", "&order=name"));
    expectNames(List.of("Potsdam"), names("City",
        "{'text':{'$text':{'$search':{'$term':'capital -quick'}}}}", ""));
    expectNames(List.of("Berlin", "Potsdam"), names("City",
        "{'text':{'$text':{'$search':{'$term':'capitals','$language':'english'}}}}",
        "&order=name"));
    expectNames(List.of(), names("City",
        "{'text':{'$text':{'$search':{'$term':'capitals','$language':'none'}}}}", ""));
  }
}
