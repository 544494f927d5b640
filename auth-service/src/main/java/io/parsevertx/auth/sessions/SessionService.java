package io.parsevertx.auth.sessions;

import io.parsevertx.common.ObjectIds;
import io.parsevertx.common.ParseFields;
import io.parsevertx.common.bus.EventBusAddresses;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import io.parsevertx.common.schema.SchemaInference;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.common.types.ParseType;
import io.parsevertx.storage.StorageAdapter;
import io.parsevertx.storage.schema.SchemaController;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sessions in {@code _Session}, as Parse Server keeps them: token {@code r:} + 32 hex
 * characters from a CSPRNG, a pointer to the user, {@code expiresAt}, {@code createdWith}.
 * Ending a session is announced on the bus so every gateway forgets its cached copy.
 */
public final class SessionService {
  public static final String SESSION_TOKEN = "sessionToken";
  public static final String SERVER_DATA = "serverData";
  private static final String USER = "user";
  private static final String EXPIRES_AT = "expiresAt";
  private static final FindOptions ALL = new FindOptions(List.of(), Integer.MAX_VALUE, 0, null,
      false);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final StorageAdapter storage;
  private final SchemaController schemas;
  private final EventBus bus;
  private final Long sessionLengthSeconds;

  /** @param sessionLengthSeconds how long a session lives, or null for no end */
  public SessionService(StorageAdapter storage, SchemaController schemas, EventBus bus,
      Long sessionLengthSeconds) {
    this.storage = storage;
    this.schemas = schemas;
    this.bus = bus;
    this.sessionLengthSeconds = sessionLengthSeconds;
  }

  /** @return the new session object, {@code sessionToken} included */
  public Future<JsonObject> create(String userId, String action, String provider,
      String installationId) {
    return create(userId, action, provider, installationId, null);
  }

  /**
   * @param serverData what an authentication webhook said about the session, kept for the
   *     server alone (never in a reply), or null
   */
  public Future<JsonObject> create(String userId, String action, String provider,
      String installationId, JsonObject serverData) {
    byte[] secret = new byte[16];
    RANDOM.nextBytes(secret);
    Instant now = Instant.now();
    JsonObject session = new JsonObject()
        .put(ParseFields.OBJECT_ID, ObjectIds.newId())
        .put(ParseFields.CREATED_AT, ParseDates.format(now))
        .put(ParseFields.UPDATED_AT, ParseDates.format(now))
        .put(SESSION_TOKEN, "r:" + HexFormat.of().formatHex(secret))
        .put(USER, pointerTo(userId))
        .put("createdWith", new JsonObject().put("action", action)
            .put("authProvider", provider))
        .put("restricted", false)
        .put(ParseFields.ACL, new JsonObject().put(userId, new JsonObject().put("read", true)
            .put("write", true)));
    if (installationId != null) {
      session.put("installationId", installationId);
    }
    if (serverData != null) {
      session.put(SERVER_DATA, serverData);
    }
    if (sessionLengthSeconds != null) {
      session.put(EXPIRES_AT, ParseDates.toJson(now.plusSeconds(sessionLengthSeconds)));
    }
    return schema().compose(schema -> storage.createObject(schema, session)).map(session);
  }

  /** @return the session of {@code token}; fails with 209 when unknown or expired */
  public Future<JsonObject> find(String token) {
    if (token == null || token.isEmpty()) {
      return Future.failedFuture(invalidToken());
    }
    return schema().compose(schema -> storage.find(schema,
            new QueryNode.Constraint(SESSION_TOKEN, QueryOp.EQ, token),
            new FindOptions(List.of(), 1, 0, null, false)))
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.failedFuture(invalidToken());
          }
          JsonObject session = found.get(0);
          JsonObject expiresAt = session.getJsonObject(EXPIRES_AT);
          if (expiresAt != null && ParseDates.parse(expiresAt.getString(ParseFields.ISO))
              .isBefore(Instant.now())) {
            return Future.failedFuture(new ParseException(ParseErrorCode.INVALID_SESSION_TOKEN,
                "Session token is expired."));
          }
          return Future.succeededFuture(session);
        });
  }

  /** @return the sessions of {@code userId}, or every session for null */
  public Future<List<JsonObject>> list(String userId) {
    QueryNode where = userId == null ? QueryNode.matchAll()
        : new QueryNode.Constraint(USER, QueryOp.EQ, pointerTo(userId));
    return schema().compose(schema -> storage.find(schema, where, ALL));
  }

  /** Sets custom fields on a session; @return {@code {"updatedAt"}} */
  public Future<JsonObject> update(JsonObject session, JsonObject fields) {
    Map<String, SchemaField> types = new LinkedHashMap<>();
    fields.forEach(e -> {
      ClassNames.requireValidFieldName(e.getKey());
      SchemaField type = SchemaInference.typeOf(e.getKey(), e.getValue());
      if (type != null) {
        types.put(e.getKey(), type);
      }
    });
    String now = ParseDates.format(Instant.now());
    return schema().compose(base -> schemas.enforce(ClassNames.SESSION, types))
        .compose(schema -> storage.updateObject(schema, new QueryNode.Constraint(
            ParseFields.OBJECT_ID, QueryOp.EQ, session.getString(ParseFields.OBJECT_ID)),
            fields.copy().put(ParseFields.UPDATED_AT, now)))
        .map(updated -> new JsonObject().put(ParseFields.UPDATED_AT, now));
  }

  /** Ends one session and tells every gateway. */
  public Future<Void> delete(JsonObject session) {
    return schema().compose(schema -> storage.deleteObject(schema, new QueryNode.Constraint(
            ParseFields.OBJECT_ID, QueryOp.EQ, session.getString(ParseFields.OBJECT_ID))))
        .map(deleted -> {
          bus.publish(EventBusAddresses.SESSIONS_INVALIDATED,
              new JsonObject().put(SESSION_TOKEN, session.getString(SESSION_TOKEN)));
          return null;
        });
  }

  /** Ends every session of a user except {@code keepToken} (may be null). */
  public Future<Void> deleteAllOf(String userId, String keepToken) {
    return list(userId).compose(sessions -> Future.all(sessions.stream()
        .filter(s -> !s.getString(SESSION_TOKEN, "").equals(keepToken))
        .map(this::delete).toList())).mapEmpty();
  }

  public static String userIdOf(JsonObject session) {
    return session.getJsonObject(USER).getString(ParseFields.OBJECT_ID);
  }

  private Future<ClassSchema> schema() {
    Map<String, SchemaField> fields = new LinkedHashMap<>();
    fields.put(SESSION_TOKEN, SchemaField.of(FieldType.STRING));
    fields.put(USER, SchemaField.pointerTo(ClassNames.USER));
    fields.put("createdWith", SchemaField.of(FieldType.OBJECT));
    fields.put("restricted", SchemaField.of(FieldType.BOOLEAN));
    fields.put(EXPIRES_AT, SchemaField.of(FieldType.DATE));
    fields.put("installationId", SchemaField.of(FieldType.STRING));
    fields.put(SERVER_DATA, SchemaField.of(FieldType.OBJECT));
    return schemas.enforce(ClassNames.SESSION, fields);
  }

  static JsonObject pointerTo(String userId) {
    return new JsonObject().put(ParseFields.TYPE, ParseType.POINTER.wireName())
        .put(ParseFields.CLASS_NAME, ClassNames.USER).put(ParseFields.OBJECT_ID, userId);
  }

  public static ParseException invalidToken() {
    return new ParseException(ParseErrorCode.INVALID_SESSION_TOKEN, "Invalid session token");
  }
}
