package io.parsevertx.push.sending;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.schema.ClassNames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code _PushWork}: a running push cut into slices of the installations' objectId range, each
 * leased by one push-service instance at a time. A slice records its {@code cursor} (the last
 * installation whose page was sent), its counts, and {@code owner}/{@code leaseUntil}; a slice
 * whose lease ran out (its sender died) is taken over and resumed from its cursor.
 */
public final class PushWorkStore {
  /** objectIds are [0-9A-Za-z]; slices split that alphabet (any collation keeps them whole). */
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final DataServiceClient data;

  public PushWorkStore(DataServiceClient data) {
    this.data = data;
  }

  /** Creates {@code slices} unleased slices covering every objectId. */
  public Future<Void> createSlices(String statusId, int slices) {
    List<Future<JsonObject>> created = new ArrayList<>();
    for (int i = 0; i < slices; i++) {
      JsonObject slice = new JsonObject().put("pushStatusId", statusId).put("slice", i)
          .put("done", false).put("leaseUntil", 0L).put("ACL", new JsonObject());
      if (i > 0) {
        slice.put("from", String.valueOf(ALPHABET.charAt(i * ALPHABET.length() / slices)));
      }
      if (i < slices - 1) {
        slice.put("to", String.valueOf(ALPHABET.charAt((i + 1) * ALPHABET.length() / slices)));
      }
      created.add(data.create(request(null, slice, null)));
    }
    return Future.all(created).mapEmpty();
  }

  /** Unfinished slices nobody holds a live lease on, oldest first. */
  public Future<List<JsonObject>> claimable(long now, int limit) {
    JsonObject where = new JsonObject().put("done", false)
        .put("leaseUntil", new JsonObject().put("$lt", now));
    return find(new JsonObject().put("where", where).put("limit", limit)
        .put("order", "createdAt"));
  }

  public Future<List<JsonObject>> slicesOf(String statusId) {
    return find(new JsonObject().put("where", new JsonObject().put("pushStatusId", statusId))
        .put("limit", 1000));
  }

  public Future<JsonObject> get(String sliceId) {
    return data.getUntriggered(request(sliceId, null, null));
  }

  public Future<Void> update(String sliceId, JsonObject changes) {
    return data.update(request(sliceId, changes, null)).mapEmpty();
  }

  /** The slice's objectId constraint ({@code $gte from}, {@code $lt to}), or null for all. */
  public static JsonObject range(JsonObject slice) {
    JsonObject objectId = new JsonObject();
    if (slice.getString("from") != null) {
      objectId.put("$gte", slice.getString("from"));
    }
    if (slice.getString("to") != null) {
      objectId.put("$lt", slice.getString("to"));
    }
    return objectId.isEmpty() ? null : new JsonObject().put("objectId", objectId);
  }

  private Future<List<JsonObject>> find(JsonObject params) {
    return data.find(request(null, null, params)).map(found -> found.getJsonArray("results",
        new JsonArray()).stream().map(JsonObject.class::cast).toList());
  }

  private static ServiceRequest request(String objectId, JsonObject body, JsonObject params) {
    return new ServiceRequest(null, AuthContext.masterKey(), ClassNames.PUSH_WORK, objectId,
        params, body);
  }
}
