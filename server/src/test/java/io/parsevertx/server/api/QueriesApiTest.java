package io.parsevertx.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.server.ApiTestBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Relations, sub-queries, include and key selection over HTTP. */
class QueriesApiTest extends ApiTestBase {
  private static String alice;
  private static String bob;
  private static String carol;
  private static String hotPost;
  private static String coldPost;

  @BeforeAll
  static void seed() {
    alice = id(create("Person", new JsonObject().put("name", "alice").put("city", "Oslo")));
    bob = id(create("Person", new JsonObject().put("name", "bob").put("city", "Rome")));
    carol = id(create("Person", new JsonObject().put("name", "carol").put("city", "Lima")
        .put("avatar", new JsonObject().put("__type", "File").put("name", "c.png"))));
    hotPost = id(create("Post", new JsonObject().put("title", "hot").put("author",
        pointer("Person", alice)).put("likes", new JsonObject().put("__op", "AddRelation")
        .put("objects", new JsonArray().add(pointer("Person", bob)).add(pointer("Person", carol))))));
    coldPost = id(create("Post", new JsonObject().put("title", "cold")
        .put("author", pointer("Person", bob))));
    create("Comment", new JsonObject().put("text", "on hot").put("post", pointer("Post", hotPost))
        .put("mentions", new JsonArray().add(pointer("Person", alice)).add(pointer("Person", bob))));
    create("Comment", new JsonObject().put("text", "on cold")
        .put("post", pointer("Post", coldPost)));
    create("Team", new JsonObject().put("city", "Oslo").put("winPct", 0.7));
    create("Team", new JsonObject().put("city", "Rome").put("winPct", 0.2));
  }

  @Test
  void relationsLiveInJoinTablesAndAnswerRelatedTo() {
    JsonObject post = expect(request(HttpMethod.GET, "/classes/Post/" + hotPost, null), 200);
    assertEquals(new JsonObject().put("__type", "Relation").put("className", "Person"),
        post.getJsonObject("likes"));
    assertEquals(Set.of("bob", "carol"), names(find("Person",
        "{\"$relatedTo\":{\"object\":" + pointer("Post", hotPost).encode() + ",\"key\":\"likes\"}}")));

    expect(request(HttpMethod.PUT, "/classes/Post/" + hotPost, new JsonObject().put("likes",
        new JsonObject().put("__op", "Batch").put("ops", new JsonArray()
            .add(new JsonObject().put("__op", "RemoveRelation").put("objects",
                new JsonArray().add(pointer("Person", carol))))
            .add(new JsonObject().put("__op", "AddRelation").put("objects",
                new JsonArray().add(pointer("Person", alice))))))), 200);
    assertEquals(Set.of("alice", "bob"), names(find("Person",
        "{\"$relatedTo\":{\"object\":" + pointer("Post", hotPost).encode() + ",\"key\":\"likes\"}}")));

    JsonArray likedByBob = find("Post", "{\"likes\":" + pointer("Person", bob).encode() + "}");
    assertEquals(1, likedByBob.size());
    assertEquals("hot", likedByBob.getJsonObject(0).getString("title"));
  }

  @Test
  void relationToTheWrongClassIsATypeError() {
    expectError(request(HttpMethod.PUT, "/classes/Post/" + coldPost, new JsonObject().put("likes",
        new JsonObject().put("__op", "AddRelation").put("objects",
            new JsonArray().add(pointer("Team", "x"))))), 400, 111);
  }

  @Test
  void inQueryAndNotInQuery() {
    String hot = "{\"className\":\"Post\",\"where\":{\"title\":\"hot\"}}";
    assertEquals(List.of("on hot"), texts(find("Comment", "{\"post\":{\"$inQuery\":" + hot + "}}")));
    assertEquals(List.of("on cold"),
        texts(find("Comment", "{\"post\":{\"$notInQuery\":" + hot + "}}")));
  }

  @Test
  void selectAndDontSelect() {
    String winners = "{\"query\":{\"className\":\"Team\",\"where\":{\"winPct\":{\"$gt\":0.5}}},"
        + "\"key\":\"city\"}";
    assertEquals(Set.of("alice"), names(find("Person", "{\"city\":{\"$select\":" + winners + "}}")));
    assertEquals(Set.of("bob", "carol"),
        names(find("Person", "{\"city\":{\"$dontSelect\":" + winners + "}}")));
  }

  @Test
  void includeReplacesPointersWithObjects() {
    JsonObject comment = first(request(HttpMethod.GET, "/classes/Comment?include=post.author"
        + "&where=" + encode("{\"text\":\"on hot\"}"), null));
    JsonObject post = comment.getJsonObject("post");
    assertEquals("Object", post.getString("__type"));
    assertEquals("Post", post.getString("className"));
    assertEquals("hot", post.getString("title"));
    assertEquals("alice", post.getJsonObject("author").getString("name"));
    assertEquals("Object", post.getJsonObject("author").getString("__type"));

    JsonObject withArray = first(request(HttpMethod.GET, "/classes/Comment?include=mentions"
        + "&where=" + encode("{\"text\":\"on hot\"}"), null));
    assertEquals(List.of("alice", "bob"), withArray.getJsonArray("mentions").stream()
        .map(p -> ((JsonObject) p).getString("name")).toList());

    JsonObject star = first(request(HttpMethod.GET, "/classes/Comment?include=*"
        + "&where=" + encode("{\"text\":\"on cold\"}"), null));
    assertEquals("cold", star.getJsonObject("post").getString("title"));
    assertEquals("Pointer", star.getJsonObject("post").getJsonObject("author")
        .getString("__type"), "* includes one level only");
  }

  @Test
  void includedFilesGetUrls() {
    JsonObject post = expect(request(HttpMethod.GET, "/classes/Post/" + hotPost
        + "?include=author", null), 200);
    assertEquals("alice", post.getJsonObject("author").getString("name"));
    JsonObject comment = first(request(HttpMethod.GET, "/classes/Person?where="
        + encode("{\"name\":\"carol\"}"), null));
    assertTrue(comment.getJsonObject("avatar").getString("url").endsWith("/files/" + APP_ID
        + "/c.png"));
  }

  @Test
  void keysAndExcludeKeysReachIntoIncludedObjects() {
    JsonObject comment = first(request(HttpMethod.GET, "/classes/Comment?include=post"
        + "&keys=text,post.title&where=" + encode("{\"text\":\"on hot\"}"), null));
    assertEquals("on hot", comment.getString("text"));
    assertFalse(comment.containsKey("mentions"));
    assertEquals("hot", comment.getJsonObject("post").getString("title"));
    assertFalse(comment.getJsonObject("post").containsKey("author"));

    JsonObject excluded = first(request(HttpMethod.GET, "/classes/Comment?include=post"
        + "&excludeKeys=mentions,post.author&where=" + encode("{\"text\":\"on hot\"}"), null));
    assertFalse(excluded.containsKey("mentions"));
    assertTrue(excluded.containsKey("text"));
    assertFalse(excluded.getJsonObject("post").containsKey("author"));
    assertEquals("hot", excluded.getJsonObject("post").getString("title"));
  }

  @Test
  void orAcrossFieldsAndRegex() {
    assertEquals(Set.of("alice", "carol"), names(find("Person",
        "{\"$or\":[{\"city\":\"Oslo\"},{\"name\":{\"$regex\":\"^C\",\"$options\":\"i\"}}]}")));
  }

  private static JsonArray find(String className, String where) {
    return expect(request(HttpMethod.GET, "/classes/" + className + "?where=" + encode(where),
        null), 200).getJsonArray("results");
  }

  private static JsonObject first(io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>
      response) {
    return expect(response, 200).getJsonArray("results").getJsonObject(0);
  }

  private static Set<String> names(JsonArray people) {
    Set<String> names = new TreeSet<>();
    people.forEach(p -> names.add(((JsonObject) p).getString("name")));
    return names;
  }

  private static List<String> texts(JsonArray comments) {
    return comments.stream().map(c -> ((JsonObject) c).getString("text")).toList();
  }

  private static String id(JsonObject created) {
    return created.getString("objectId");
  }

  static JsonObject pointer(String className, String objectId) {
    return new JsonObject().put("__type", "Pointer").put("className", className)
        .put("objectId", objectId);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
