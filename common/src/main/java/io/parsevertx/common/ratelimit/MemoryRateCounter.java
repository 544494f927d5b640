package io.parsevertx.common.ratelimit;

import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts in this process: enough for one gateway, and the fallback while Redis is away. */
final class MemoryRateCounter implements RateCounter {
  /** Past this many keys, ended windows are swept before a new key is added. */
  private static final int SWEEP_AT = 100_000;

  private record Window(long endsAtMillis, long count) {}

  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  @Override
  public Future<Long> increment(String key, long windowMillis) {
    long now = System.currentTimeMillis();
    if (windows.size() >= SWEEP_AT) {
      windows.values().removeIf(window -> window.endsAtMillis() <= now);
    }
    Window updated = windows.compute(key, (k, window) -> window == null
        || window.endsAtMillis() <= now ? new Window(now + windowMillis, 1)
        : new Window(window.endsAtMillis(), window.count() + 1));
    return Future.succeededFuture(updated.count());
  }
}
