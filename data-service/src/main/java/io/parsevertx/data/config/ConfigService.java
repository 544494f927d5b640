package io.parsevertx.data.config;

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
import io.parsevertx.storage.StorageAdapter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Parse Config ({@code /config}): one {@code _GlobalConfig} object (objectId {@code "1"}, as
 * Parse Server stores it) holding {@code params} and the {@code masterKeyOnly} flags.
 */
public final class ConfigService {
  private static final String CONFIG_ID = "1";
  private static final String PARAMS = "params";
  private static final String MASTER_KEY_ONLY = "masterKeyOnly";
  private static final ClassSchema SCHEMA = new ClassSchema(ClassNames.GLOBAL_CONFIG, Map.of(
      PARAMS, SchemaField.of(FieldType.OBJECT), MASTER_KEY_ONLY, SchemaField.of(FieldType.OBJECT)),
      null, null);
  private static final QueryNode BY_ID =
      new QueryNode.Constraint(ParseFields.OBJECT_ID, QueryOp.EQ, CONFIG_ID);

  private final StorageAdapter storage;

  public ConfigService(StorageAdapter storage) {
    this.storage = storage;
  }

  /** @return {@code {"params":{...}}}; master-key-only params only for the master key */
  public Future<JsonObject> get(ServiceRequest request) {
    boolean master = request.auth().master() || request.auth().readOnlyMaster();
    return load().map(config -> {
      JsonObject params = config.getJsonObject(PARAMS, new JsonObject()).copy();
      JsonObject hidden = config.getJsonObject(MASTER_KEY_ONLY, new JsonObject());
      if (!master) {
        hidden.forEach(e -> {
          if (Boolean.TRUE.equals(e.getValue())) {
            params.remove(e.getKey());
          }
        });
      }
      JsonObject response = new JsonObject().put(PARAMS, params);
      return master ? response.put(MASTER_KEY_ONLY, hidden.copy()) : response;
    });
  }

  /**
   * Sets params ({@code {"__op":"Delete"}} removes one) and masterKeyOnly flags.
   *
   * @return {@code {"result":true}}; fails with 119 without the master key
   */
  public Future<JsonObject> update(ServiceRequest request) {
    if (!request.auth().master()) {
      throw new ParseException(ParseErrorCode.OPERATION_FORBIDDEN,
          "unauthorized: master key is required");
    }
    JsonObject changes = request.body().getJsonObject(PARAMS, new JsonObject());
    JsonObject flags = request.body().getJsonObject(MASTER_KEY_ONLY, new JsonObject());
    return load().compose(config -> {
      JsonObject params = config.getJsonObject(PARAMS, new JsonObject()).copy();
      JsonObject hidden = config.getJsonObject(MASTER_KEY_ONLY, new JsonObject()).copy();
      changes.forEach(e -> {
        if (e.getValue() instanceof JsonObject op && "Delete".equals(op.getValue(ParseFields.OP))) {
          params.remove(e.getKey());
          hidden.remove(e.getKey());
        } else {
          params.put(e.getKey(), e.getValue());
        }
      });
      flags.forEach(e -> hidden.put(e.getKey(), Boolean.TRUE.equals(e.getValue())));
      return save(config.isEmpty(), params, hidden);
    }).map(v -> new JsonObject().put("result", true));
  }

  private Future<JsonObject> load() {
    return storage.find(SCHEMA, BY_ID, new FindOptions(List.of(), 1, 0, null, false))
        .map(found -> found.isEmpty() ? new JsonObject() : found.get(0));
  }

  private Future<Void> save(boolean isNew, JsonObject params, JsonObject hidden) {
    String now = ParseDates.format(Instant.now());
    JsonObject values = new JsonObject().put(PARAMS, params).put(MASTER_KEY_ONLY, hidden)
        .put(ParseFields.UPDATED_AT, now);
    if (isNew) {
      return storage.createObject(SCHEMA, values.put(ParseFields.OBJECT_ID, CONFIG_ID)
          .put(ParseFields.CREATED_AT, now));
    }
    return storage.updateObject(SCHEMA, BY_ID, values).mapEmpty();
  }
}
