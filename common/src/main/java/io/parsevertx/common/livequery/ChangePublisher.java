package io.parsevertx.common.livequery;

import io.parsevertx.common.bus.EventBusAddresses;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces each change of a LiveQuery class once: on the event bus when livequery-service
 * shares this process or cluster, or to Redis pub/sub ({@code liveQuery.redisURL}), which every
 * livequery-service pod subscribes to. data-service announces objects, auth-service users.
 */
public final class ChangePublisher implements Consumer<ObjectChange> {
  private static final Logger LOG = LoggerFactory.getLogger(ChangePublisher.class);
  private final Vertx vertx;
  private final RedisAPI redis;
  private final String channel;

  /** @param redisURL where to publish, or null for the event bus */
  public ChangePublisher(Vertx vertx, String redisURL, String appId) {
    this.vertx = vertx;
    this.channel = ObjectChange.redisChannel(appId);
    this.redis = redisURL == null ? null : RedisAPI.api(Redis.createClient(vertx,
        new RedisOptions().setConnectionString(redisURL)));
  }

  @Override
  public void accept(ObjectChange change) {
    if (redis == null) {
      vertx.eventBus().publish(EventBusAddresses.LIVEQUERY_CHANGES, change.toJson());
      return;
    }
    redis.publish(channel, change.toJson().encode()).onFailure(e -> LOG.warn(
        "event=livequery_publish_failed className={} reason={}", change.className(),
        e.getMessage()));
  }

  public void close() {
    if (redis != null) {
      redis.close();
    }
  }
}
