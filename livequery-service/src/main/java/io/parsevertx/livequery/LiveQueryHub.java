package io.parsevertx.livequery;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.ParseFields;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.livequery.ObjectChange;
import io.parsevertx.common.query.QueryMatcher;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.WhereParser;
import io.parsevertx.common.security.AccessPolicy;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.security.ClassPermissions;
import io.parsevertx.common.security.ProtectedFields;
import io.parsevertx.common.security.SensitiveFields;
import io.parsevertx.storage.schema.SchemaController;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Parse LiveQuery protocol: {@code connect}, {@code subscribe}, {@code update},
 * {@code unsubscribe} from clients; {@code connected}, {@code subscribed},
 * {@code unsubscribed}, {@code error} and the events {@code create}, {@code enter},
 * {@code update}, {@code leave}, {@code delete} to them. Each change is matched in memory
 * (common's {@link QueryMatcher}) against the subscriptions of its class only, and reaches a
 * client only if that client may read the object now (ACL against the user and roles of the
 * subscription's session; the master key reads all), without what no client may see.
 */
final class LiveQueryHub {
  private static final Logger LOG = LoggerFactory.getLogger(LiveQueryHub.class);
  private static final io.micrometer.core.instrument.Timer LAG = io.micrometer.core.instrument
      .Timer.builder("parse.livequery.lag").description("object saved to change matched")
      .register(io.micrometer.core.instrument.Metrics.globalRegistry);
  private static final List<String> ALWAYS_SENT = List.of("className", ParseFields.OBJECT_ID,
      ParseFields.CREATED_AT, ParseFields.UPDATED_AT, ParseFields.ACL);

  private final LiveQueryConfig config;
  private final Principals principals;
  private final SchemaController schemas;
  private final SensitiveFields sensitive;
  private final LiveTriggers triggers;
  /** Subscriptions by class (and equality): a change is matched against its candidates only. */
  private final Map<String, ClassSubscriptions> byClass = new ConcurrentHashMap<>();
  private final Set<LiveQueryClient> clients = ConcurrentHashMap.newKeySet();

  LiveQueryHub(LiveQueryConfig config, Principals principals, SchemaController schemas,
      SensitiveFields sensitive, LiveTriggers triggers) {
    this.triggers = triggers;
    this.config = config;
    this.principals = principals;
    this.schemas = schemas;
    this.sensitive = sensitive;
  }

  int clientCount() {
    return clients.size();
  }

  int subscriptionCount() {
    return clients.stream().mapToInt(client -> client.subscriptions().size()).sum();
  }

  /** Serves one WebSocket until it closes. */
  void accept(ServerWebSocket socket) {
    LiveQueryClient client = new LiveQueryClient(socket);
    clients.add(client);
    socket.shutdownHandler(v -> client.goAway());
    socket.textMessageHandler(text -> onMessage(client, text));
    socket.closeHandler(v -> {
      clients.remove(client);
      client.subscriptions().values().forEach(this::unindex);
      LOG.info("event=livequery_disconnected clientId={}", client.clientId());
    });
  }

  private void onMessage(LiveQueryClient client, String text) {
    JsonObject request;
    try {
      request = new JsonObject(text);
    } catch (DecodeException e) {
      client.error(1, "Message is not a JSON object", true, null);
      return;
    }
    String op = request.getString("op", "");
    try {
      switch (op) {
        case "connect" -> connect(client, request);
        case "subscribe", "update" -> subscribe(client, request, op.equals("update"));
        case "unsubscribe" -> unsubscribe(client, request);
        default -> client.error(3, "Get unknown operation", true, requestId(request));
      }
    } catch (ParseException e) {
      client.error(e.code().code(), e.getMessage(), true, requestId(request));
    } catch (RuntimeException e) {
      client.error(1, "Invalid " + op + " request", true, requestId(request));
    }
  }

  private static Integer requestId(JsonObject request) {
    return request.getValue("requestId") instanceof Number n ? n.intValue() : null;
  }

  private void connect(LiveQueryClient client, JsonObject request) {
    boolean appMatches = config.appId() == null
        || config.appId().equals(request.getString("applicationId"));
    if (!appMatches || !keysMatch(request)) {
      client.error(4, appMatches ? "Key in request is not valid" : "Invalid applicationId",
          false, null);
      client.close();
      return;
    }
    String masterKey = request.getString("masterKey");
    boolean master = masterKey != null && (equal(masterKey, config.masterKey())
        || equal(masterKey, config.keyPairs().get("masterKey")));
    String token = request.getString("sessionToken");
    String installationId = request.getString("installationId");
    // note: the app's beforeConnect may refuse; the client then stays unconnected
    triggers.beforeConnect(new AuthContext(master, false, token, null, installationId, null,
            null), new JsonObject().put("useMasterKey", master).put("sessionToken", token)
            .put("installationId", installationId).put("clients", clients.size())
            .put("subscriptions", subscriptionCount()))
        .onSuccess(v -> {
          client.connected(UUID.randomUUID().toString(), master, token, installationId);
          LOG.info("event=livequery_connected clientId={} master={}", client.clientId(),
              master);
          client.send(client.message("connected"));
        })
        .onFailure(e -> {
          ParseException error = e instanceof ParseException pe ? pe : new ParseException(
              ParseErrorCode.INTERNAL_SERVER_ERROR, "connect failed");
          client.error(error.code().code(), error.getMessage(), false, null);
        });
  }

  /** With {@code keyPairs} configured, one of the pairs must be given as configured. */
  private boolean keysMatch(JsonObject request) {
    if (config.keyPairs().isEmpty()) {
      return true;
    }
    return config.keyPairs().entrySet().stream().anyMatch(pair -> request.getValue(pair.getKey())
        instanceof String given && equal(given, pair.getValue()));
  }

  private static boolean equal(String given, String expected) {
    return expected != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }

  private void subscribe(LiveQueryClient client, JsonObject request, boolean replace) {
    if (!client.isConnected()) {
      client.error(2, "Can not find this client, make sure you connect to server before "
          + "subscribing", true, requestId(request));
      return;
    }
    Integer requestId = requestId(request);
    if (requestId == null || !(request.getValue("query") instanceof JsonObject asked)
        || !(asked.getValue("className") instanceof String className)) {
      throw new ParseException(ParseErrorCode.INVALID_JSON,
          "subscribe needs requestId and query.className");
    }
    String caller = request.getString("sessionToken", client.sessionToken());
    // note: the app's beforeSubscribe may narrow the query or refuse the subscription
    triggers.beforeSubscribe(new AuthContext(client.master(), false, caller, null,
            client.installationId(), null, null), className, asked.copy())
        .onSuccess(query -> {
          try {
            subscribe(client, request, requestId, className, asked.copy().mergeIn(query));
          } catch (ParseException e) {
            client.error(e.code().code(), e.getMessage(), true, requestId);
          } catch (RuntimeException e) {
            client.error(1, "Invalid subscribe request", true, requestId);
          }
        })
        .onFailure(e -> {
          ParseException error = e instanceof ParseException pe ? pe : new ParseException(
              ParseErrorCode.INTERNAL_SERVER_ERROR, "subscribe failed");
          client.error(error.code().code(), error.getMessage(), false, requestId);
        });
  }

  private void subscribe(LiveQueryClient client, JsonObject request, Integer requestId,
      String className, JsonObject query) {
    JsonObject where = query.getValue("where") instanceof JsonObject w ? w : new JsonObject();
    QueryNode node = WhereParser.parse(where);
    refuseUnsupported(node);
    List<String> keys = strings(query.getValue("keys", query.getValue("fields")));
    List<String> watch = strings(query.getValue("watch"));
    String token = request.getString("sessionToken", client.sessionToken());
    principals.of(token, client.master())
        .compose(policy -> schemas.find(className).map(schema -> {
          if (schema != null) {
            // note: a query on one objectId is a get, as Parse Server decides
            ClassPermissions.check(schema, where.size() == 1 && where.getValue(
                ParseFields.OBJECT_ID) instanceof String ? "get" : "find", policy, node);
            ProtectedFields.refuseProbing(schema, node, List.of(), ProtectedFields.forCaller(
                schema, policy, config.protectedFields()));
          }
          return policy;
        }))
        .onSuccess(policy -> {
          Subscription subscription = new Subscription(client, requestId, className, node,
              token, keys, watch);
          Subscription previous = client.subscriptions().put(requestId, subscription);
          if (previous != null) {
            unindex(previous);
          }
          byClass.computeIfAbsent(className, c -> new ClassSubscriptions()).add(subscription);
          client.send(client.message("subscribed").put("requestId", requestId));
        })
        .onFailure(e -> {
          ParseException error = e instanceof ParseException pe ? pe : new ParseException(
              ParseErrorCode.INTERNAL_SERVER_ERROR, "subscribe failed");
          client.error(error.code().code(), error.getMessage(), false, requestId);
        });
  }

  /** Sub-queries and {@code $relatedTo} need the database; LiveQuery matches in memory. */
  private static void refuseUnsupported(QueryNode node) {
    if (node instanceof QueryNode.And and) {
      and.children().forEach(LiveQueryHub::refuseUnsupported);
    } else if (node instanceof QueryNode.Or or) {
      or.children().forEach(LiveQueryHub::refuseUnsupported);
    } else if (node instanceof QueryNode.Nor nor) {
      nor.children().forEach(LiveQueryHub::refuseUnsupported);
    } else if (node instanceof QueryNode.RelatedTo
        || node instanceof QueryNode.Constraint c && c.op().isSubQuery()) {
      throw new ParseException(ParseErrorCode.INVALID_QUERY, "LiveQuery cannot evaluate "
          + (node instanceof QueryNode.Constraint c2 ? c2.op().wireName() : "$relatedTo")
          + "; subscribe with a query on the object's own fields");
    }
  }

  private static List<String> strings(Object value) {
    if (!(value instanceof JsonArray array)) {
      return null;
    }
    List<String> names = new ArrayList<>();
    array.forEach(item -> names.add(String.valueOf(item)));
    return List.copyOf(names);
  }

  private void unsubscribe(LiveQueryClient client, JsonObject request) {
    Integer requestId = requestId(request);
    Subscription removed = requestId == null ? null : client.subscriptions().remove(requestId);
    if (removed == null) {
      client.error(2, "Cannot find subscription with requestId " + requestId, true, requestId);
      return;
    }
    unindex(removed);
    client.send(client.message("unsubscribed").put("requestId", requestId));
  }

  private void unindex(Subscription subscription) {
    ClassSubscriptions ofClass = byClass.get(subscription.className());
    if (ofClass != null) {
      ofClass.remove(subscription);
    }
  }

  /** A change announced by data-service: the events it makes, to whoever may read them. */
  void onChange(ObjectChange change) {
    ClassSubscriptions subscriptions = byClass.get(change.className());
    if (subscriptions == null) {
      return;
    }
    recordLag(change);
    for (Subscription subscription : subscriptions.candidates(change)) {
      String event = event(subscription, change);
      if (event != null) {
        deliver(subscription, change, event);
      }
    }
  }

  /**
   * {@code parse_livequery_lag_seconds}: from the object's {@code updatedAt} (set as it was
   * saved) to its matching here, so it covers the write, the fan-out and the queue.
   */
  private static void recordLag(ObjectChange change) {
    Object updatedAt = change.object() == null ? null
        : change.object().getValue(ParseFields.UPDATED_AT);
    String iso = updatedAt instanceof JsonObject date ? date.getString("iso")
        : updatedAt instanceof String text ? text : null;
    if (iso == null) {
      return;
    }
    try {
      long lag = System.currentTimeMillis() - java.time.Instant.parse(iso).toEpochMilli();
      if (lag >= 0) {
        LAG.record(java.time.Duration.ofMillis(lag));
      }
    } catch (java.time.format.DateTimeParseException e) {
      // note: not a date this server wrote; nothing to measure
    }
  }

  /** Which event a change makes for a subscription, or null for none. */
  private String event(Subscription subscription, ObjectChange change) {
    try {
      return eventOf(subscription, change);
    } catch (ParseException e) {
      // note: a regex out of regexTimeout counts as no match, as for Parse Server
      LOG.warn("event=livequery_match_failed className={} requestId={} reason={}",
          change.className(), subscription.requestId(), e.getMessage());
      return null;
    }
  }

  private boolean matches(Subscription subscription, JsonObject object) {
    return object != null && QueryMatcher.matches(subscription.where(), object,
        config.regexTimeout());
  }

  private String eventOf(Subscription subscription, ObjectChange change) {
    boolean matchesNow = matches(subscription, change.object());
    return switch (change.op()) {
      case ObjectChange.CREATE -> matchesNow ? "create" : null;
      case ObjectChange.DELETE -> matchesNow ? "delete" : null;
      default -> {
        boolean matchedBefore = matches(subscription, change.original());
        if (matchedBefore && matchesNow) {
          yield watched(subscription, change) ? "update" : null;
        }
        yield matchesNow ? "enter" : matchedBefore ? "leave" : null;
      }
    };
  }

  private static boolean watched(Subscription subscription, ObjectChange change) {
    if (subscription.watch() == null || change.original() == null) {
      return true;
    }
    return subscription.watch().stream().anyMatch(field -> !Objects.equals(
        change.object().getValue(field), change.original().getValue(field)));
  }

  private void deliver(Subscription subscription, ObjectChange change, String event) {
    LiveQueryClient client = subscription.client();
    client.inOrder(() -> principals.of(subscription.sessionToken(), client.master())
        .transform(resolved -> {
          if (resolved.failed()) {
            // note: the session ended (logout, revocation): the subscription stops here
            if (client.subscriptions().remove(subscription.requestId(), subscription)) {
              unindex(subscription);
              client.error(ParseErrorCode.INVALID_SESSION_TOKEN.code(),
                  "Invalid session token", false, subscription.requestId());
            }
            return Future.succeededFuture(null);
          }
          AccessPolicy policy = resolved.result();
          JsonObject visible = event.equals("leave") ? change.original() : change.object();
          if (!readable(policy, visible)) {
            return Future.succeededFuture(null);
          }
          return afterEvent(subscription, change, event, policy).compose(object -> object == null
              ? Future.succeededFuture(null) : schemas.find(subscription.className()).map(schema -> {
            JsonObject message = client.message(event)
                .put("requestId", subscription.requestId())
                .put("object", shaped(subscription, schema, object, policy));
            if (change.original() != null && (event.equals("update") || event.equals("enter")
                || event.equals("leave"))) {
              message.put("original", shaped(subscription, schema, change.original(), policy));
            }
            return message;
          }));
        }));
  }

  /**
   * The object the event carries: as stored, or as the app's {@code afterLiveQueryEvent} left it
   * (null when it held the event back; its error goes to the subscriber instead).
   */
  private Future<JsonObject> afterEvent(Subscription subscription, ObjectChange change,
      String event, AccessPolicy policy) {
    if (!triggers.hasAfterEvent(subscription.className())) {
      return Future.succeededFuture(change.object());
    }
    LiveQueryClient client = subscription.client();
    JsonObject request = new JsonObject().put("event", event).put("object", change.object())
        .put("clients", clients.size()).put("subscriptions", subscriptionCount());
    if (change.original() != null) {
      request.put("original", change.original());
    }
    return triggers.afterEvent(new AuthContext(client.master(), false,
            subscription.sessionToken(), policy.userId(), client.installationId(), null, null),
            subscription.className(), request)
        .recover(e -> {
          ParseException error = e instanceof ParseException pe ? pe : new ParseException(
              ParseErrorCode.SCRIPT_FAILED, "afterLiveQueryEvent failed");
          client.error(error.code().code(), error.getMessage(), false, subscription.requestId());
          return Future.succeededFuture(null);
        });
  }

  /** An ACL-less object is public; otherwise one of the caller's principals must read it. */
  static boolean readable(AccessPolicy policy, JsonObject object) {
    if (policy.master()) {
      return true;
    }
    if (!(object.getValue(ParseFields.ACL) instanceof JsonObject acl)) {
      return true;
    }
    return policy.principals().stream().anyMatch(principal -> acl.getValue(principal)
        instanceof JsonObject perms && perms.getBoolean("read", false));
  }

  /**
   * What this subscriber may see of the object, as a query would show it: no internal or
   * secret field, authData as each provider shows it, the {@code protectedFields} hidden from
   * this caller, then only the subscription's {@code keys}.
   */
  private JsonObject shaped(Subscription subscription, ClassSchema schema, JsonObject stored,
      AccessPolicy policy) {
    JsonObject object = stored.copy();
    if (schema != null) {
      ProtectedFields.strip(schema, object, ProtectedFields.forCaller(schema, policy,
          config.protectedFields()), policy);
    }
    sensitive.strip(subscription.className(), object, policy.master());
    object.put("className", subscription.className());
    if (subscription.keys() == null) {
      return object;
    }
    JsonObject limited = new JsonObject();
    for (String field : ALWAYS_SENT) {
      if (object.containsKey(field)) {
        limited.put(field, object.getValue(field));
      }
    }
    subscription.keys().forEach(field -> {
      if (object.containsKey(field)) {
        limited.put(field, object.getValue(field));
      }
    });
    return limited;
  }

  /** auth-service ended a session (or all of a user's): forget who it was. */
  void onSessionsInvalidated(JsonObject event) {
    principals.invalidate(event.getString("sessionToken"), event.getString("userId"));
  }

  /** Pings every connection, as {@code websocketTimeout} asks, so dead ones are noticed. */
  void ping() {
    clients.forEach(LiveQueryClient::ping);
  }

  Future<Void> closeAll() {
    clients.forEach(LiveQueryClient::goAway);
    return Future.succeededFuture();
  }
}
