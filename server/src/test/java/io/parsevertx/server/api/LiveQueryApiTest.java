package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.ParseHeaders;
import io.parsevertx.server.ApiTestBase;
import io.parsevertx.server.LiveSocket;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LiveQuery protocol over a real WebSocket on the REST port: every client op and event,
 * ACLs against the subscription's session and roles, CLPs at subscribe, keys and watch, and
 * the refusals.
 */
class LiveQueryApiTest extends ApiTestBase {

  @BeforeAll
  static void liveClasses() throws Exception {
    // note: with the sample cloud code (beforeConnect, and beforeSubscribe on Room)
    String cloud = java.nio.file.Path.of(LiveQueryApiTest.class.getResource("/cloud/main.js")
        .toURI()).toString();
    withConfig(Map.of("cloud", cloud, "auth", "{\"mfa\":{\"enabled\":true,\"options\":[\"TOTP\"]}}",
        "liveQueryServerOptions", "{\"keyPairs\":{\"javascriptKey\":\"js-key\"},"
            + "\"websocketTimeout\":200,\"regexTimeout\":50,\"cacheTimeout\":60000}",
        "liveQuery", "{\"classNames\":[\"Game\",\"Secret\",\"Locked\",\"Shielded\",\"_User\","
            + "\"Room\",\"Diary\",\"Ticker\"]}"));
  }

  private static LiveSocket connected(JsonObject extra) {
    LiveSocket socket = new LiveSocket(suite.vertx(), suite.gatewayPort(), "/");
    socket.send(new JsonObject().put("op", "connect").put("applicationId", APP_ID)
        .put("javascriptKey", "js-key").mergeIn(extra));
    assertNotNull(socket.next("connected").getString("clientId"));
    return socket;
  }

  private static void subscribe(LiveSocket socket, int requestId, String className,
      JsonObject where, JsonObject extra) {
    socket.send(new JsonObject().put("op", "subscribe").put("requestId", requestId).put("query",
        new JsonObject().put("className", className).put("where", where).mergeIn(extra)));
    assertEquals(requestId, socket.next("subscribed").getInteger("requestId"));
  }

  private static String save(String className, JsonObject fields) {
    return create(className, fields).getString("objectId");
  }

  private static void put(String className, String id, JsonObject fields) {
    expect(request(HttpMethod.PUT, "/classes/" + className + "/" + id, fields), 200);
  }

  @Test
  void everyEventOfOneSubscription() {
    try (LiveSocket socket = connected(new JsonObject())) {
      subscribe(socket, 1, "Game", new JsonObject().put("score", new JsonObject()
          .put("$gt", 10)), new JsonObject());
      String low = save("Game", new JsonObject().put("score", 5));
      String high = save("Game", new JsonObject().put("score", 20).put("name", "hi"));
      JsonObject created = socket.next("create");
      assertEquals(1, created.getInteger("requestId"));
      assertEquals(high, created.getJsonObject("object").getString("objectId"));
      assertEquals("Game", created.getJsonObject("object").getString("className"));
      assertEquals(20, created.getJsonObject("object").getInteger("score"));

      put("Game", low, new JsonObject().put("score", 15));
      JsonObject entered = socket.next("enter");
      assertEquals(15, entered.getJsonObject("object").getInteger("score"));
      assertEquals(5, entered.getJsonObject("original").getInteger("score"));
      put("Game", high, new JsonObject().put("score", 30));
      JsonObject updated = socket.next("update");
      assertEquals(30, updated.getJsonObject("object").getInteger("score"));
      assertEquals(20, updated.getJsonObject("original").getInteger("score"));
      put("Game", high, new JsonObject().put("score", 3));
      assertEquals(high, socket.next("leave").getJsonObject("object").getString("objectId"));
      expect(request(HttpMethod.DELETE, "/classes/Game/" + low, null), 200);
      assertEquals(low, socket.next("delete").getJsonObject("object").getString("objectId"));

      socket.send(new JsonObject().put("op", "unsubscribe").put("requestId", 1));
      assertEquals(1, socket.next("unsubscribed").getInteger("requestId"));
      subscribe(socket, 2, "Game", new JsonObject(), new JsonObject());
      save("Game", new JsonObject().put("score", 50));
      assertEquals(2, socket.next("create").getInteger("requestId"),
          "nothing for the unsubscribed query, one event for the new one");
    }
  }

  @Test
  void updateReplacesTheQueryKeysAndWatchLimitWhatArrives() {
    try (LiveSocket socket = connected(new JsonObject())) {
      subscribe(socket, 7, "Game", new JsonObject().put("name", "watched"), new JsonObject()
          .put("keys", new JsonArray().add("score")).put("watch", new JsonArray().add("score")));
      String id = save("Game", new JsonObject().put("name", "watched").put("score", 1)
          .put("other", "x"));
      JsonObject object = socket.next("create").getJsonObject("object");
      assertEquals(1, object.getInteger("score"));
      assertFalse(object.containsKey("other") || object.containsKey("name"), object.encode());
      assertTrue(object.containsKey("objectId") && object.containsKey("createdAt"));
      put("Game", id, new JsonObject().put("other", "y"));
      put("Game", id, new JsonObject().put("score", 2));
      assertEquals(2, socket.next("update").getJsonObject("object").getInteger("score"),
          "a change of an unwatched field makes no event");

      socket.send(new JsonObject().put("op", "update").put("requestId", 7).put("query",
          new JsonObject().put("className", "Game").put("where", new JsonObject()
              .put("name", "other"))));
      assertEquals(7, socket.next("subscribed").getInteger("requestId"));
      save("Game", new JsonObject().put("name", "watched"));
      save("Game", new JsonObject().put("name", "other"));
      assertEquals("other", socket.next("create").getJsonObject("object").getString("name"));
    }
  }

  @Test
  void eventsFollowAclsRolesAndSessions() {
    JsonObject ann = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "lq-ann").put("password", "pw")), 201);
    String annId = ann.getString("objectId");
    Map<String, String> master = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.MASTER_KEY, MASTER_KEY);
    expect(request(HttpMethod.POST, "/roles", master, new JsonObject().put("name", "lqteam")
        .put("ACL", new JsonObject().put("*", new JsonObject().put("read", true)))
        .put("users", new JsonObject().put("__op", "AddRelation").put("objects",
            new JsonArray().add(new JsonObject().put("__type", "Pointer")
                .put("className", "_User").put("objectId", annId))))), 201);
    try (LiveSocket anonymous = connected(new JsonObject());
        LiveSocket asAnn = connected(new JsonObject().put("sessionToken",
            ann.getString("sessionToken")));
        LiveSocket asMaster = connected(new JsonObject().put("masterKey", MASTER_KEY))) {
      for (LiveSocket socket : new LiveSocket[] {anonymous, asAnn, asMaster}) {
        subscribe(socket, 1, "Secret", new JsonObject(), new JsonObject());
      }
      save("Secret", new JsonObject().put("n", 1).put("ACL", new JsonObject().put(annId,
          new JsonObject().put("read", true))));
      save("Secret", new JsonObject().put("n", 2).put("ACL", new JsonObject().put("role:lqteam",
          new JsonObject().put("read", true))));
      save("Secret", new JsonObject().put("n", 3));
      assertEquals(1, asAnn.next("create").getJsonObject("object").getInteger("n"));
      assertEquals(2, asAnn.next("create").getJsonObject("object").getInteger("n"),
          "through her role");
      assertEquals(3, asAnn.next("create").getJsonObject("object").getInteger("n"));
      assertEquals(3, anonymous.next("create").getJsonObject("object").getInteger("n"),
          "the public sees only the public object");
      for (int n = 1; n <= 3; n++) {
        assertEquals(n, asMaster.next("create").getJsonObject("object").getInteger("n"));
      }

      expect(request(HttpMethod.POST, "/logout", Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
          ParseHeaders.SESSION_TOKEN, ann.getString("sessionToken")), null), 200);
      save("Secret", new JsonObject().put("n", 4));
      JsonObject ended = asAnn.next("error");
      assertEquals(209, ended.getInteger("code"), "a revoked session stops receiving");
      assertEquals(4, anonymous.next("create").getJsonObject("object").getInteger("n"));
      save("Secret", new JsonObject().put("n", 5));
      assertEquals(5, anonymous.next("create").getJsonObject("object").getInteger("n"));
      asAnn.nothingFor(300);
    }
  }

  @Test
  void protectedFieldsAreHiddenAsInQueries() {
    Map<String, String> master = Map.of(ParseHeaders.APPLICATION_ID, APP_ID,
        ParseHeaders.MASTER_KEY, MASTER_KEY);
    expect(request(HttpMethod.POST, "/schemas/Shielded", master, new JsonObject()
        .put("className", "Shielded").put("fields", new JsonObject()
            .put("secret", new JsonObject().put("type", "String"))
            .put("open", new JsonObject().put("type", "String")))
        .put("classLevelPermissions", new JsonObject()
            .put("find", new JsonObject().put("*", true))
            .put("get", new JsonObject().put("*", true))
            .put("create", new JsonObject().put("*", true))
            .put("protectedFields", new JsonObject().put("*", new JsonArray().add("secret"))))),
        200);
    try (LiveSocket anonymous = connected(new JsonObject());
        LiveSocket asMaster = connected(new JsonObject().put("masterKey", MASTER_KEY))) {
      subscribe(anonymous, 1, "Shielded", new JsonObject(), new JsonObject());
      subscribe(asMaster, 1, "Shielded", new JsonObject(), new JsonObject());
      save("Shielded", new JsonObject().put("secret", "s3").put("open", "o"));
      JsonObject seen = anonymous.next("create").getJsonObject("object");
      assertEquals("o", seen.getString("open"));
      assertFalse(seen.containsKey("secret"), seen.encode());
      assertEquals("s3", asMaster.next("create").getJsonObject("object").getString("secret"));

      anonymous.send(new JsonObject().put("op", "subscribe").put("requestId", 2).put("query",
          new JsonObject().put("className", "Shielded").put("where", new JsonObject()
              .put("secret", "s3"))));
      JsonObject probing = anonymous.next("error");
      assertEquals(2, probing.getInteger("requestId"), "no probing a protected field");
    }
  }

  @Test
  void usersArriveWithoutSecretsAndWithMfaAsItsStatus() throws Exception {
    JsonObject bea = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "lq-bea").put("password", "pw")), 201);
    String secret = new dev.samstevens.totp.secret.DefaultSecretGenerator(32).generate();
    String code = new dev.samstevens.totp.code.DefaultCodeGenerator().generate(secret,
        System.currentTimeMillis() / 1000 / 30);
    try (LiveSocket asMaster = connected(new JsonObject().put("masterKey", MASTER_KEY))) {
      subscribe(asMaster, 1, "_User", new JsonObject().put("username", "lq-bea"),
          new JsonObject());
      expect(request(HttpMethod.PUT, "/users/" + bea.getString("objectId"), Map.of(
          ParseHeaders.APPLICATION_ID, APP_ID, ParseHeaders.SESSION_TOKEN,
          bea.getString("sessionToken")), new JsonObject().put("authData", new JsonObject()
          .put("mfa", new JsonObject().put("secret", secret).put("token", code)))), 200);
      JsonObject seen = asMaster.next("update").getJsonObject("object");
      assertEquals(new JsonObject().put("status", "enabled"), seen.getJsonObject("authData")
          .getJsonObject("mfa"), seen.encode());
      assertFalse(seen.encode().contains(secret) || seen.containsKey("_hashed_password")
          || seen.encode().contains("$2"), seen.encode());

      subscribe(asMaster, 2, "_User", new JsonObject(), new JsonObject());
      JsonObject anonymous = expect(request(HttpMethod.POST, "/users", new JsonObject()
          .put("authData", new JsonObject().put("anonymous", new JsonObject()
              .put("id", java.util.UUID.randomUUID().toString())))), 201);
      JsonObject signedUp = asMaster.next("create");
      assertEquals(2, signedUp.getInteger("requestId"));
      assertEquals(anonymous.getString("objectId"), signedUp.getJsonObject("object")
          .getString("objectId"), "a sign-up with authData is announced too");
    }
  }

  @Test
  void keyPairsArePingedConnections() {
    try (LiveSocket noKey = new LiveSocket(suite.vertx(), suite.gatewayPort(), "/")) {
      noKey.send(new JsonObject().put("op", "connect").put("applicationId", APP_ID));
      JsonObject refused = noKey.next("error");
      assertEquals(4, refused.getInteger("code"));
      assertFalse(refused.getBoolean("reconnect"));
      long deadline = System.currentTimeMillis() + 5_000;
      while (!noKey.closed() && System.currentTimeMillis() < deadline) {
        noKey.poll(50);
      }
      assertTrue(noKey.closed(), "a connect without the key pair closes the socket");
    }
    try (LiveSocket keyed = connected(new JsonObject())) {
      assertTrue(keyed.awaitPing(5_000), "websocketTimeout pings the connection");
    }
  }

  @Test
  void aRunawayRegexIsCutShortAndTheOthersStillMatch() {
    try (LiveSocket socket = connected(new JsonObject())) {
      subscribe(socket, 1, "Game", new JsonObject().put("name", new JsonObject()
          .put("$regex", "^(a+)+$")), new JsonObject());
      subscribe(socket, 2, "Game", new JsonObject().put("name", new JsonObject()
          .put("$regex", "^a")), new JsonObject());
      save("Game", new JsonObject().put("name", "a".repeat(40) + "!"));
      JsonObject event = socket.next("create");
      assertEquals(2, event.getInteger("requestId"),
          "the catastrophic pattern gave up within regexTimeout; the plain one matched");
      socket.nothingFor(300);
    }
  }

  @Test
  void refusals() {
    try (LiveSocket socket = new LiveSocket(suite.vertx(), suite.gatewayPort(), "/")) {
      socket.send(new JsonObject().put("op", "subscribe").put("requestId", 1).put("query",
          new JsonObject().put("className", "Game")));
      assertEquals(2, socket.next("error").getInteger("code"), "subscribe before connect");
      socket.send(new JsonObject().put("op", "connect").put("applicationId", "someone-else"));
      JsonObject wrongApp = socket.next("error");
      assertEquals(4, wrongApp.getInteger("code"));
      assertFalse(wrongApp.getBoolean("reconnect"));
    }
    try (LiveSocket socket = connected(new JsonObject())) {
      socket.send(new JsonObject().put("op", "dance"));
      assertEquals(3, socket.next("error").getInteger("code"));
      socket.send(new JsonObject().put("op", "subscribe").put("requestId", 3).put("query",
          new JsonObject().put("className", "Game").put("where", new JsonObject().put("owner",
              new JsonObject().put("$inQuery", new JsonObject().put("className", "_User")
                  .put("where", new JsonObject()))))));
      JsonObject unsupported = socket.next("error");
      assertEquals(102, unsupported.getInteger("code"), unsupported.encode());
      assertEquals(3, unsupported.getInteger("requestId"));

      expect(request(HttpMethod.POST, "/schemas/Locked", Map.of(ParseHeaders.APPLICATION_ID,
          APP_ID, ParseHeaders.MASTER_KEY, MASTER_KEY), new JsonObject()
          .put("className", "Locked").put("classLevelPermissions", new JsonObject()
              .put("find", new JsonObject().put("requiresAuthentication", true)))), 200);
      socket.send(new JsonObject().put("op", "subscribe").put("requestId", 4).put("query",
          new JsonObject().put("className", "Locked")));
      JsonObject denied = socket.next("error");
      assertEquals(4, denied.getInteger("requestId"));
      assertTrue(denied.getInteger("code") == 119 || denied.getInteger("code") == 101,
          denied.encode());
      socket.send(new JsonObject().put("op", "unsubscribe").put("requestId", 99));
      assertEquals(2, socket.next("error").getInteger("code"));
    }
  }

  @Test
  void beforeConnectRefusesAndBeforeSubscribeNarrows() {
    try (LiveSocket refused = new LiveSocket(suite.vertx(), suite.gatewayPort(), "/")) {
      refused.send(new JsonObject().put("op", "connect").put("applicationId", APP_ID)
          .put("javascriptKey", "js-key").put("installationId", "blocked-device"));
      JsonObject error = refused.next("error");
      assertEquals(119, error.getInteger("code"), error::encode);
      assertEquals("this device may not connect", error.getString("error"));
    }
    try (LiveSocket socket = connected(new JsonObject())) {
      subscribe(socket, 7, "Room", new JsonObject(), new JsonObject());
      save("Room", new JsonObject().put("name", "closed").put("open", false));
      String open = save("Room", new JsonObject().put("name", "lobby").put("open", true));
      JsonObject created = socket.next("create");
      assertEquals(open, created.getJsonObject("object").getString("objectId"), created::encode);
    }
  }

  @Test
  void beforeSubscribeSeesTheSignedInUser() {
    String token = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "lq-diarist").put("password", "pw")), 201).getString("sessionToken");
    try (LiveSocket anonymous = connected(new JsonObject())) {
      anonymous.send(new JsonObject().put("op", "subscribe").put("requestId", 1).put("query",
          new JsonObject().put("className", "Diary").put("where", new JsonObject())));
      JsonObject error = anonymous.next("error");
      assertEquals(209, error.getInteger("code"), error::encode);
      assertEquals("sign in to follow a diary", error.getString("error"));
    }
    try (LiveSocket socket = connected(new JsonObject().put("sessionToken", token))) {
      subscribe(socket, 2, "Diary", new JsonObject(), new JsonObject());
      save("Diary", new JsonObject().put("author", "someone-else").put("text", "theirs"));
      String mine = save("Diary", new JsonObject().put("author", "lq-diarist")
          .put("text", "mine"));
      JsonObject created = socket.next("create");
      assertEquals(mine, created.getJsonObject("object").getString("objectId"), created::encode);
    }
  }

  @Test
  void afterLiveQueryEventChangesHoldsBackOrFailsAnEvent() {
    String token = expect(request(HttpMethod.POST, "/users", new JsonObject()
        .put("username", "lq-trader").put("password", "pw")), 201).getString("sessionToken");
    try (LiveSocket anonymous = connected(new JsonObject());
        LiveSocket trader = connected(new JsonObject().put("sessionToken", token))) {
      subscribe(anonymous, 1, "Ticker", new JsonObject(), new JsonObject());
      subscribe(trader, 1, "Ticker", new JsonObject(), new JsonObject());
      save("Ticker", new JsonObject().put("symbol", "HID").put("hidden", true));
      String id = save("Ticker", new JsonObject().put("symbol", "ABC").put("price", 10));
      JsonObject seenByAnyone = anonymous.next("create").getJsonObject("object");
      assertEquals(id, seenByAnyone.getString("objectId"), "the hidden row was held back");
      assertEquals("anonymous", seenByAnyone.getString("seenBy"));
      assertEquals("create", seenByAnyone.getString("event"));
      JsonObject seenByTrader = trader.next("create").getJsonObject("object");
      assertEquals("lq-trader", seenByTrader.getString("seenBy"), seenByTrader::encode);

      put("Ticker", id, new JsonObject().put("price", 12));
      JsonObject updated = trader.next("update").getJsonObject("object");
      assertEquals(12, updated.getInteger("price"));
      assertEquals(10, updated.getInteger("was"));
      assertEquals("update", updated.getString("event"));

      save("Ticker", new JsonObject().put("symbol", "BRK").put("broken", true));
      JsonObject error = trader.next("error");
      assertEquals(141, error.getInteger("code"), error::encode);
      assertEquals("this row cannot be shown", error.getString("error"));
      assertEquals(1, error.getInteger("requestId"));
      JsonObject stored = expect(request(HttpMethod.GET, "/classes/Ticker/" + id, null), 200);
      assertFalse(stored.containsKey("seenBy"), "the handler changes the event, not the object");
    }
  }
}
