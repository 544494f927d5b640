package io.parsevertx.server.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parsevertx.common.options.RateLimitRule;
import io.parsevertx.common.ratelimit.RateLimiter;
import io.parsevertx.testing.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code rateLimit} rule with a {@code redisUrl} counts in Redis (embedded-redis, the real
 * server): two gateways' limiters together allow the limit once, not once each. While Redis is
 * away, each gateway still limits by itself.
 */
class SharedRateLimitTest {
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private static List<RateLimitRule> rules(String redisUrl, int count) {
    return RateLimitRule.from(new JsonObject().put("rateLimit", new JsonArray().add(
        new JsonObject().put("requestPath", "/classes/*").put("requestTimeWindow", 60_000)
            .put("requestCount", count).put("zone", "global").put("redisUrl", redisUrl))));
  }

  private static int allowed(List<RateLimiter> gateways, int requests) {
    int allowed = 0;
    for (int i = 0; i < requests; i++) {
      Future<Void> answer = gateways.get(i % gateways.size()).check(new RateLimiter.Call("GET",
          "/classes/Thing", "127.0.0.1", null, null, false, false));
      try {
        answer.await();
        allowed++;
      } catch (RuntimeException refused) {
        // over the limit
      }
    }
    return allowed;
  }

  @Test
  void twoGatewaysShareOneCountThroughRedis() {
    String app = "shared-" + UUID.randomUUID();
    List<RateLimitRule> rules = rules(TestServers.redisUri(), 5);
    List<RateLimiter> gateways = List.of(new RateLimiter(vertx, app, rules),
        new RateLimiter(vertx, app, rules));
    assertEquals(5, allowed(gateways, 12));
  }

  @Test
  void withoutRedisEachGatewayStillLimits() {
    List<RateLimitRule> rules = rules("redis://127.0.0.1:1", 3);
    RateLimiter gateway = new RateLimiter(vertx, "alone", rules);
    assertEquals(3, allowed(List.of(gateway), 8));
  }
}
