package io.parsevertx.data.idempotency;

import io.parsevertx.common.ObjectIds;
import io.parsevertx.common.ParseFields;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.error.ParseErrorCode;
import io.parsevertx.common.error.ParseException;
import io.parsevertx.common.query.FindOptions;
import io.parsevertx.common.query.QueryNode;
import io.parsevertx.common.query.QueryOp;
import io.parsevertx.common.schema.ClassNames;
import io.parsevertx.common.schema.ClassSchema;
import io.parsevertx.common.schema.FieldType;
import io.parsevertx.common.schema.SchemaField;
import io.parsevertx.common.types.ParseDates;
import io.parsevertx.storage.schema.SchemaController;
import io.parsevertx.storage.StorageAdapter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers request ids in {@code _Idempotency} (as Parse Server does: {@code reqId} with a
 * unique index, {@code expire} date), so a retried write is applied once.
 */
public final class IdempotencyService {
  private static final String REQ_ID = "reqId";
  private static final String EXPIRE = "expire";
  private static final Map<String, SchemaField> FIELDS = new LinkedHashMap<>(Map.of(
      REQ_ID, SchemaField.of(FieldType.STRING), EXPIRE, SchemaField.of(FieldType.DATE)));

  private final StorageAdapter storage;
  private final SchemaController schemas;
  private Future<ClassSchema> ready;

  public IdempotencyService(StorageAdapter storage, SchemaController schemas) {
    this.storage = storage;
    this.schemas = schemas;
  }

  /**
   * @return {@code {}} when the id is new (or its earlier use expired); fails with 159 for a
   *     repeat within the ttl
   */
  public Future<JsonObject> reserve(ServiceRequest request) {
    String requestId = request.body().getString("requestId");
    long ttl = request.body().getLong("ttl", 300L);
    if (requestId == null || requestId.isBlank()) {
      throw new ParseException(ParseErrorCode.INVALID_JSON, "requestId is required");
    }
    Instant now = Instant.now();
    QueryNode byReqId = new QueryNode.Constraint(REQ_ID, QueryOp.EQ, requestId);
    return schema().compose(schema -> storage.find(schema, byReqId,
            new FindOptions(List.of(), 1, 0, null, false))
        .compose(found -> {
          JsonObject expire = ParseDates.toJson(now.plusSeconds(ttl));
          if (found.isEmpty()) {
            return storage.createObject(schema, new JsonObject()
                .put(ParseFields.OBJECT_ID, ObjectIds.newId())
                .put(ParseFields.CREATED_AT, ParseDates.format(now))
                .put(ParseFields.UPDATED_AT, ParseDates.format(now))
                .put(REQ_ID, requestId).put(EXPIRE, expire));
          }
          Instant expires = ParseDates.parse(found.get(0).getJsonObject(EXPIRE)
              .getString(ParseFields.ISO));
          if (expires.isAfter(now)) {
            return Future.failedFuture(duplicate());
          }
          return storage.updateObject(schema, byReqId, new JsonObject().put(EXPIRE, expire)
              .put(ParseFields.UPDATED_AT, ParseDates.format(now))).mapEmpty();
        }))
        .recover(e -> Future.failedFuture(e instanceof ParseException pe
            && pe.code() == ParseErrorCode.DUPLICATE_VALUE ? duplicate() : e))
        .map(v -> new JsonObject());
  }

  /** The class, its schema and its unique index, made once per process. */
  private Future<ClassSchema> schema() {
    if (ready == null || ready.failed()) {
      ready = schemas.enforce(ClassNames.IDEMPOTENCY, FIELDS).compose(schema -> storage
          .createIndex(schema, "reqId_1", new JsonObject().put(REQ_ID, 1), true)
          .map(schema));
    }
    return ready;
  }

  private static ParseException duplicate() {
    return new ParseException(ParseErrorCode.DUPLICATE_REQUEST, "Duplicate request");
  }
}
