package io.parsevertx.common.ratelimit;

import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.options.RateLimitRule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Parse's {@code rateLimit}: every rule whose path and method match a request counts it in its
 * zone, and a request past a rule's count in the window is refused with code 100 (HTTP 429) and
 * the rule's message. Rules with a {@code redisUrl} count in Redis, shared by every process;
 * others count in this process. The gateway applies the server's option; cloud code applies its
 * validators' {@code rateLimit} (with a scope of its own).
 */
public final class RateLimiter {
  private final String scope;
  private final List<RateLimitRule> rules;
  private final List<RateCounter> counters = new ArrayList<>();

  /**
   * @param scope what the counters' keys start with after {@code parse:ratelimit:}: the appId,
   *     so apps sharing a Redis count apart (one limiter's rule {@code i} is not another's)
   */
  public RateLimiter(Vertx vertx, String scope, List<RateLimitRule> rules) {
    this.scope = scope;
    this.rules = rules;
    Map<String, RateCounter> redisByUrl = new HashMap<>();
    MemoryRateCounter memory = new MemoryRateCounter();
    for (RateLimitRule rule : rules) {
      counters.add(rule.redisUrl() == null ? memory : redisByUrl.computeIfAbsent(
          rule.redisUrl(), url -> new RedisRateCounter(vertx, url)));
    }
  }

  /**
   * Who is asking for what.
   *
   * @param path the path below the mount ({@code /classes/GameScore})
   * @param sessionToken a token that resolved to a session, else null
   * @param userId the user behind it, else null
   * @param internal a request the server makes to itself (Cloud Code)
   */
  public record Call(String method, String path, String ip, String sessionToken, String userId,
      boolean master, boolean internal) {}

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** @return a failed future with code 100 when a rule's limit is passed */
  public Future<Void> check(Call call) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < rules.size(); i++) {
      RateLimitRule rule = rules.get(i);
      if (!rule.applies(call.method(), call.path()) || call.master() && !rule.includeMasterKey()
          || call.internal() && !rule.includeInternalRequests()) {
        continue;
      }
      RateCounter counter = counters.get(i);
      String key = "parse:ratelimit:" + scope + ":" + i + ":" + zoneKey(rule, call);
      chain = chain.compose(v -> counter.increment(key, rule.windowMillis()).compose(count ->
          count > rule.count() ? refused(rule) : Future.succeededFuture()));
    }
    return chain;
  }

  private static Future<Void> refused(RateLimitRule rule) {
    io.micrometer.core.instrument.Metrics.counter("parse.ratelimit.refusals", "path",
        rule.requestPath(), "zone", rule.zone().name().toLowerCase(java.util.Locale.ROOT))
        .increment();
    return Future.failedFuture(new ParseException(ParseErrorCode.CONNECTION_FAILED,
        rule.message()));
  }

  /**
   * What one count covers. Without a valid session (none, or a forged one) the session and
   * user zones count the caller's address, so leaving the token out escapes nothing.
   */
  private String zoneKey(RateLimitRule rule, Call call) {
    return switch (rule.zone()) {
      case GLOBAL -> "global";
      case SESSION -> call.sessionToken() != null ? "s:" + digest(call.sessionToken())
          : "ip:" + call.ip();
      case USER -> call.userId() != null ? "u:" + call.userId() : "ip:" + call.ip();
      case IP -> "ip:" + call.ip();
    };
  }

  /** Tokens are secrets: Redis keys carry a digest of them. */
  private static String digest(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
