package io.parsevertx.livequery;

import io.parsevertx.cloud.CloudCaller;
import io.parsevertx.cloud.CloudCode;
import io.parsevertx.common.auth.AuthContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * The app's LiveQuery triggers, run in this process by the cloud code it loaded:
 * {@code beforeConnect} may refuse a connection, {@code beforeSubscribe} may narrow a
 * subscription's query or refuse it, {@code afterLiveQueryEvent} may change or hold back an
 * event. {@code request.user} is the caller's {@code _User}; when it cannot be read the trigger
 * does not run and the client is refused, rather than let through a check that might refuse.
 */
final class LiveTriggers {
  static final String CONNECT_CLASS = "@Connect";
  static final String AFTER_EVENT = "afterLiveQueryEvent";
  private final CloudCode cloud;
  private final CloudCaller caller;
  private final Function<String, Future<String>> userIds;

  /** @param userIds the user a session token stands for (failing with 209 for a bad one) */
  LiveTriggers(CloudCode cloud, CloudCaller caller, Function<String, Future<String>> userIds) {
    this.cloud = cloud;
    this.caller = caller;
    this.userIds = userIds;
  }

  private Future<JsonObject> run(String kind, String className, AuthContext who,
      JsonObject request) {
    if (!cloud.hasTrigger(kind, className)) {
      return Future.succeededFuture(new JsonObject());
    }
    Future<AuthContext> signedIn = who.master() || who.sessionToken() == null
        || who.userId() != null ? Future.succeededFuture(who)
        : userIds.apply(who.sessionToken()).map(userId -> new AuthContext(false, false,
            who.sessionToken(), userId, who.installationId(), who.ip(), null));
    return signedIn.compose(auth -> caller.of(null, auth)).compose(call -> cloud.runLive(kind, className,
        call.put("sessionToken", who.sessionToken()).put("useMasterKey", who.master())
            .mergeIn(request)));
  }

  /** @param request {@code useMasterKey}, {@code sessionToken}, {@code installationId}, ... */
  Future<Void> beforeConnect(AuthContext caller, JsonObject request) {
    return run("beforeConnect", CONNECT_CLASS, caller, request).mapEmpty();
  }

  /** @return the query to subscribe with ({@code where}, {@code keys}), as the handler left it */
  Future<JsonObject> beforeSubscribe(AuthContext caller, String className, JsonObject query) {
    return run("beforeSubscribe", className, caller, new JsonObject().put("query", query))
        .map(answer -> {
          JsonObject changed = answer.getJsonObject("query");
          if (changed == null) {
            return query;
          }
          // note: Parse.Query.toJSON() gives keys as "a,b"; the subscription takes a list
          JsonObject merged = query.copy().put("where", changed.getJsonObject("where",
              new JsonObject()));
          if (changed.getValue("keys") instanceof String keys && !keys.isBlank()) {
            merged.put("keys", new io.vertx.core.json.JsonArray(java.util.List.of(
                keys.split(","))));
          }
          return merged;
        });
  }

  boolean hasAfterEvent(String className) {
    return cloud.hasTrigger(AFTER_EVENT, className);
  }

  /**
   * @param event {@code event} (create, enter, update, leave, delete), {@code object},
   *     {@code original}, {@code clients}, {@code subscriptions}
   * @return the object to send as the handler left it, or null when it set
   *     {@code sendEvent = false}
   */
  Future<JsonObject> afterEvent(AuthContext subscriber, String className, JsonObject event) {
    return run(AFTER_EVENT, className, subscriber, event).map(answer ->
        answer.getBoolean("sendEvent", true) ? answer.getJsonObject("object",
            event.getJsonObject("object")) : null);
  }
}
