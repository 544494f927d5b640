package io.parsevertx.common.ratelimit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts in Redis, so every gateway shares one count per key. A window is a key created with
 * its expiry ({@code SET NX PX}) and then incremented, in one round trip; a key can never be
 * left without an expiry. While Redis does not answer, this gateway counts by itself, so the
 * limit still holds per gateway instead of not at all.
 */
final class RedisRateCounter implements RateCounter {
  private static final Logger LOG = LoggerFactory.getLogger(RedisRateCounter.class);
  private final Redis redis;
  private final MemoryRateCounter fallback = new MemoryRateCounter();
  private volatile boolean degraded;

  RedisRateCounter(Vertx vertx, String url) {
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url)
        .setMaxPoolWaiting(1024));
  }

  @Override
  public Future<Long> increment(String key, long windowMillis) {
    return redis.batch(List.of(
            Request.cmd(Command.SET).arg(key).arg(0).arg("PX").arg(windowMillis).arg("NX"),
            Request.cmd(Command.INCR).arg(key)))
        .map(replies -> {
          Response count = replies.get(1);
          if (degraded) {
            degraded = false;
            LOG.info("event=rate_limit_redis_back");
          }
          return count.toLong();
        })
        .recover(e -> {
          if (!degraded) {
            degraded = true;
            LOG.warn("event=rate_limit_redis_unavailable reason={} counting=local",
                e.getMessage());
          }
          return fallback.increment(key, windowMillis);
        });
  }

}
