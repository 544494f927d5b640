package io.parsevertx.livequery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.livequery.ObjectChange;
import io.parsevertx.common.query.WhereParser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The equality index: a change reaches the matcher only for subscriptions it could match. */
class ClassSubscriptionsTest {

  private static Subscription subscription(int id, String where) {
    return new Subscription(null, id, "Chat", WhereParser.parse(new JsonObject(where)), null,
        null, null);
  }

  @Test
  void tenThousandRoomsCostAFewCandidatesPerChange() {
    ClassSubscriptions subscriptions = new ClassSubscriptions();
    for (int i = 0; i < 10_000; i++) {
      subscriptions.add(subscription(i, "{\"room\":\"r" + i + "\",\"n\":{\"$gt\":0}}"));
    }
    Subscription everything = subscription(-1, "{\"n\":{\"$gt\":0}}");
    subscriptions.add(everything);
    assertEquals(10_001, subscriptions.size());

    Set<Subscription> created = subscriptions.candidates(new ObjectChange("Chat", "create",
        new JsonObject().put("room", "r42").put("n", 1), null));
    assertEquals(2, created.size(), "room r42's subscription and the unindexed one");

    Set<Subscription> moved = subscriptions.candidates(new ObjectChange("Chat", "update",
        new JsonObject().put("room", "r7"), new JsonObject().put("room", "r8")));
    assertEquals(3, moved.size(), "the room it left, the room it entered, the unindexed one");

    Set<Subscription> tagged = subscriptions.candidates(new ObjectChange("Chat", "create",
        new JsonObject().put("room", new JsonArray().add("r1").add("r2")), null));
    assertEquals(3, tagged.size(), "equality with an array field means contains");

    subscriptions.remove(everything);
    assertEquals(1, subscriptions.candidates(new ObjectChange("Chat", "create",
        new JsonObject().put("room", "r42"), null)).size());
  }

  @Test
  void numbersIndexAsTheMatcherComparesThem() {
    ClassSubscriptions subscriptions = new ClassSubscriptions();
    subscriptions.add(subscription(1, "{\"level\":5}"));
    assertEquals(1, subscriptions.candidates(new ObjectChange("Chat", "create",
        new JsonObject().put("level", 5.0), null)).size());
  }
}
