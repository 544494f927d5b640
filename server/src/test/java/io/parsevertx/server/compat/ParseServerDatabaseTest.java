package io.parsevertx.server.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.parsevertx.testing.TestServers;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL database written by the real Parse Server 9.10 (through the official JS SDK; see
 * {@code compat/parse-server-postgres.sh}, which made {@code compat/parse-server-9.sql}) is
 * served unchanged: every field type reads back as Parse Server wrote it, its bcrypt hashes
 * and session tokens log in, its ACLs, role and relation hold, and new writes land beside its
 * rows.
 */
class ParseServerDatabaseTest extends ApiTestBase {
  private static JsonObject facts;

  @BeforeAll
  static void loadParseServerDatabase() throws IOException {
    String uri = TestServers.postgresUri();
    String dump;
    try (InputStream in = ParseServerDatabaseTest.class.getResourceAsStream(
        "/compat/parse-server-9.sql")) {
      dump = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (InputStream in = ParseServerDatabaseTest.class.getResourceAsStream(
        "/compat/parse-server-9.json")) {
      facts = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(
        uri.replaceFirst("^postgres://", "postgresql://"))).using(suite.vertx()).build();
    try {
      pool.query(dump).execute().await();
      // note: the fixture's session keeps Parse Server's one-year expiry; move it forward so the
      // fixture does not age out
      pool.query("UPDATE public.\"_Session\" SET \"expiresAt\" = now() + interval '1 year'")
          .execute().await();
    } finally {
      pool.close().await();
    }
    withConfig(Map.of("databaseURI", uri));
  }

  private static final Map<String, String> MASTER = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
      ParseHeaders.MASTER_KEY, MASTER_KEY);

  private static String where(String json) {
    return URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  @Test
  void everyFieldTypeReadsBackAsParseServerWroteIt() {
    JsonObject item = expect(request(HttpMethod.GET, "/classes/Item/" + facts.getString("itemId"),
        MASTER, null), 200);
    assertEquals("hello", item.getString("str"));
    assertEquals(42, item.getInteger("int"));
    assertEquals(2.5, item.getDouble("float"));
    assertEquals(true, item.getBoolean("bool"));
    assertEquals(new JsonObject().put("__type", "Date").put("iso", "2024-05-06T07:08:09.123Z"),
        item.getJsonObject("date"));
    assertEquals(new JsonObject("{\"a\":1,\"nested\":{\"b\":\"x\"}}"), item.getJsonObject("obj"));
    assertEquals(new JsonArray("[1,\"two\",{\"three\":3}]"), item.getJsonArray("arr"));
    assertEquals(new JsonObject().put("__type", "Pointer").put("className", "_User")
        .put("objectId", facts.getString("aliceId")), item.getJsonObject("owner"));
    JsonObject place = item.getJsonObject("place");
    assertEquals(52.5, place.getDouble("latitude"));
    assertEquals(13.4, place.getDouble("longitude"));
    JsonArray ring = item.getJsonObject("area").getJsonArray("coordinates");
    assertEquals(new JsonArray("[10.0,10.0]"), ring.getJsonArray(2));
    assertEquals("abc_notes.txt", item.getJsonObject("doc").getString("name"));
    assertTrue(item.getJsonObject("doc").getString("url").endsWith("/abc_notes.txt"));
    assertEquals(new JsonObject().put("__type", "Bytes").put("base64", "aGVsbG8="),
        item.getJsonObject("bytes"));
    assertEquals(new JsonObject().put("*", new JsonObject().put("read", true))
        .put(facts.getString("aliceId"), new JsonObject().put("write", true)),
        item.getJsonObject("ACL"));

    JsonObject schema = expect(request(HttpMethod.GET, "/schemas/Item", MASTER, null), 200);
    JsonObject fields = schema.getJsonObject("fields");
    assertEquals(new JsonObject().put("type", "Pointer").put("targetClass", "_User"),
        fields.getJsonObject("owner"));
    assertEquals(new JsonObject().put("type", "Relation").put("targetClass", "_User"),
        fields.getJsonObject("fans"));
    assertEquals("Polygon", fields.getJsonObject("area").getString("type"));
    assertTrue(schema.getJsonObject("indexes").containsKey("str_1"), schema.encode());
  }

  @Test
  void itsUsersSessionsAclsRoleAndRelationHold() {
    JsonObject alice = expect(request(HttpMethod.POST, "/login", new JsonObject()
        .put("username", "alice").put("password", "alice-pw")), 200);
    assertEquals(facts.getString("aliceId"), alice.getString("objectId"));
    expectError(request(HttpMethod.POST, "/login", new JsonObject().put("username", "bob")
        .put("password", "wrong")), 404, 101);
    JsonObject me = expect(request(HttpMethod.GET, "/users/me", Map.of(
        ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN,
        facts.getString("aliceToken")), null), 200);
    assertEquals("alice", me.getString("username"));

    Map<String, String> asAlice = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.SESSION_TOKEN, alice.getString("sessionToken"));
    Set<String> seen = strings(expect(request(HttpMethod.GET, "/classes/Item?where="
        + where("{\"int\":{\"$lte\":42}}"), asAlice, null), 200), "str");
    assertEquals(Set.of("hello", "alice only", "admins only"), seen,
        "her own ACL and her role admins");
    assertEquals(Set.of("hello"), strings(expect(request(HttpMethod.GET,
        "/classes/Item?where=" + where("{\"int\":{\"$lte\":42}}"), null), 200), "str"));

    String item = "{\"__type\":\"Pointer\",\"className\":\"Item\",\"objectId\":\""
        + facts.getString("itemId") + "\"}";
    assertEquals(Set.of("alice", "bob"), strings(expect(request(HttpMethod.GET,
        "/classes/_User?where=" + where("{\"$relatedTo\":{\"object\":" + item
            + ",\"key\":\"fans\"}}"), MASTER, null), 200), "username"));
    assertEquals(Set.of("admins"), strings(expect(request(HttpMethod.GET, "/roles", MASTER,
        null), 200), "name"));
  }

  @Test
  void queriesAndWritesWorkOnItsTables() {
    assertEquals(1, expect(request(HttpMethod.GET, "/classes/Item?where="
        + where("{\"tags\":\"red\"}"), MASTER, null), 200).getJsonArray("results").size(),
        "equality on an array field (which Parse Server's own adapter cannot run)");
    assertEquals(1, expect(request(HttpMethod.GET, "/classes/Item?where=" + where(
        "{\"place\":{\"$nearSphere\":{\"__type\":\"GeoPoint\",\"latitude\":52.5,"
            + "\"longitude\":13.41},\"$maxDistanceInKilometers\":5}}"), MASTER, null), 200)
        .getJsonArray("results").size(), "geo without PostGIS");
    JsonObject created = expect(request(HttpMethod.POST, "/classes/Item", MASTER, new JsonObject()
        .put("str", "ours").put("int", 1).put("owner", new JsonObject().put("__type", "Pointer")
            .put("className", "_User").put("objectId", facts.getString("bobId")))), 201);
    JsonObject bumped = expect(request(HttpMethod.PUT, "/classes/Item/"
        + facts.getString("secretId"), MASTER, new JsonObject().put("int", new JsonObject()
        .put("__op", "Increment").put("amount", 1))), 200);
    assertEquals(8, bumped.getInteger("int"));
    JsonObject counted = expect(request(HttpMethod.GET, "/classes/Item?count=1&limit=0&where="
        + where("{\"int\":{\"$exists\":true}}"), MASTER, null), 200);
    assertEquals(4, counted.getInteger("count"));
    expect(request(HttpMethod.DELETE, "/classes/Item/" + created.getString("objectId"), MASTER,
        null), 200);
  }

  private static Set<String> strings(JsonObject reply, String field) {
    Set<String> values = new TreeSet<>();
    reply.getJsonArray("results").forEach(o -> values.add(((JsonObject) o).getString(field)));
    return values;
  }
}
