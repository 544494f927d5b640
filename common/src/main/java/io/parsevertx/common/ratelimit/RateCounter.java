package io.parsevertx.common.ratelimit;

import io.vertx.core.Future;

/** Counts requests per key in fixed windows. */
interface RateCounter {
  /** @return the count for {@code key} in its current window, this request included */
  Future<Long> increment(String key, long windowMillis);
}
