package io.parsevertx.livequery;

import io.parsevertx.common.livequery.ObjectChange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes data-service publishes to Redis ({@code redisURL}), for livequery-service pods:
 * one subscriber connection, and when Redis goes away (a restart, a network cut) it connects
 * and subscribes again, retrying with a growing pause, each attempt logged and counted.
 */
final class RedisChanges {
  private static final Logger LOG = LoggerFactory.getLogger(RedisChanges.class);
  private static final long MAX_PAUSE_MS = 5_000;

  private final Vertx vertx;
  private final Redis redis;
  private final String channel;
  private final Consumer<ObjectChange> changes;
  private final AtomicLong reconnects = new AtomicLong();
  private volatile boolean stopped;
  private RedisConnection connection;

  RedisChanges(Vertx vertx, String redisURL, String appId, Consumer<ObjectChange> changes) {
    this.vertx = vertx;
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisURL));
    this.channel = ObjectChange.redisChannel(appId);
    this.changes = changes;
  }

  /** How often the subscription was re-established after losing Redis. */
  long reconnects() {
    return reconnects.get();
  }

  Future<Void> start() {
    return subscribe();
  }

  private Future<Void> subscribe() {
    return redis.connect().compose(conn -> {
      connection = conn;
      conn.handler(this::onPush);
      conn.exceptionHandler(e -> lost("error: " + e.getMessage()));
      conn.endHandler(v -> lost("connection closed"));
      return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).<Void>mapEmpty();
    }).onSuccess(v -> LOG.info("event=livequery_redis_subscribed channel={}", channel));
  }

  private void onPush(Response push) {
    // note: a pub/sub message is ["message", channel, payload]
    if (push.type() != ResponseType.PUSH && push.type() != ResponseType.MULTI
        || push.size() < 3 || !"message".equals(push.get(0).toString())) {
      return;
    }
    try {
      changes.accept(ObjectChange.fromJson(new JsonObject(push.get(2).toString())));
    } catch (RuntimeException e) {
      LOG.warn("event=livequery_redis_bad_message reason={}", e.getMessage());
    }
  }

  private void lost(String why) {
    if (stopped) {
      return;
    }
    LOG.warn("event=livequery_redis_lost reason={}", why);
    reconnect(1);
  }

  private void reconnect(int attempt) {
    if (stopped) {
      return;
    }
    long pause = Math.min(MAX_PAUSE_MS, 100L << Math.min(attempt, 6));
    vertx.setTimer(pause, id -> subscribe()
        .onSuccess(v -> LOG.info("event=livequery_redis_reconnected attempt={} reconnects={}",
            attempt, reconnects.incrementAndGet()))
        .onFailure(e -> reconnect(attempt + 1)));
  }

  Future<Void> stop() {
    stopped = true;
    if (connection != null) {
      connection.close();
    }
    redis.close();
    return Future.succeededFuture();
  }
}
