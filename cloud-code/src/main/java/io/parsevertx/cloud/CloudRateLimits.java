package io.parsevertx.cloud;

import io.parsevertx.common.options.ParseServerOptions;
import io.parsevertx.common.options.RateLimitRule;
import io.parsevertx.common.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code rateLimit} of cloud code validators, as Parse Server adds them: a {@code define}'s
 * on {@code /functions/:name}, a {@code beforeSave}'s on its class's route (POST and PUT), a
 * {@code beforeDelete}'s (DELETE), a {@code beforeFind}'s (GET), a {@code beforeLogin}'s on
 * {@code /login} (POST). They are counted where the handler is about to run, by the gateway's
 * {@link RateLimiter}: per caller address unless the rule names another zone, in Redis when it
 * names a {@code redisUrl} (so every process counts together). A master-key call counts only
 * with {@code includeMasterKey}, and a call cloud code makes itself - which carries no caller
 * address - only with {@code includeInternalRequests}. Over a limit: code 100 (HTTP 429) with
 * the rule's {@code errorResponseMessage} ("Too many requests." by default, as Parse Server's).
 */
final class CloudRateLimits {
  static final CloudRateLimits NONE = new CloudRateLimits(null);

  private final RateLimiter limiter;

  private CloudRateLimits(RateLimiter limiter) {
    this.limiter = limiter;
  }

  /**
   * @param specs the rules main.js's validators declared, as the {@code rateLimit} option takes
   *     them; an invalid one fails the load with one line naming it
   */
  static CloudRateLimits of(Vertx vertx, String appId, JsonArray specs) {
    if (specs.isEmpty()) {
      return NONE;
    }
    List<RateLimitRule> rules = RateLimitRule.from(new JsonObject()
        .put(ParseServerOptions.RATE_LIMIT, specs));
    // note: a scope of their own, so these rules' counts never meet the gateway's in Redis
    return new CloudRateLimits(new RateLimiter(vertx, appId + ":cloud", rules));
  }

  /** Runs {@code handler} once a function's call is counted and allowed. */
  <T> Future<T> function(String name, JsonObject request, Supplier<Future<T>> handler) {
    return guard("POST", "/functions/" + name, request, handler);
  }

  /**
   * Runs {@code handler} once a trigger's call is counted and allowed; only the kinds Parse
   * limits count (an afterSave does not count the save twice).
   *
   * @param request the trigger's request: {@code original} tells an update from a create
   */
  <T> Future<T> trigger(String kind, String className, JsonObject request,
      Supplier<Future<T>> handler) {
    String method = switch (kind) {
      case "beforeSave" -> request.getJsonObject("original") == null ? "POST" : "PUT";
      case "beforeDelete" -> "DELETE";
      case "beforeFind" -> "GET";
      case "beforeLogin" -> "POST";
      default -> null;
    };
    if (method == null) {
      return handler.get();
    }
    return guard(method, "beforeLogin".equals(kind) ? "/login" : routeOf(className), request,
        handler);
  }

  private <T> Future<T> guard(String method, String path, JsonObject request,
      Supplier<Future<T>> handler) {
    if (limiter == null) {
      return handler.get();
    }
    JsonObject user = request.getJsonObject("user");
    String ip = request.getString("ip");
    return limiter.check(new RateLimiter.Call(method, path, ip,
            user == null ? null : user.getString("sessionToken"),
            user == null ? null : user.getString("objectId"),
            request.getBoolean("master", false), ip == null))
        .compose(v -> handler.get());
  }

  /** The REST route of a class, as Parse.Cloud names it (the object id left out). */
  private static String routeOf(String className) {
    return switch (className) {
      case "_User" -> "/users";
      case "_Session" -> "/sessions";
      case "@File" -> "/files";
      default -> "/classes/" + className;
    };
  }
}
