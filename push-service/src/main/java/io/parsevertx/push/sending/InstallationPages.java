package io.parsevertx.push.sending;

import io.parsevertx.common.auth.AuthContext;
import io.parsevertx.common.bus.DataServiceClient;
import io.parsevertx.common.bus.ServiceRequest;
import io.parsevertx.common.schema.ClassNames;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The installations a push reaches, read from data-service in pages ordered by objectId, so a
 * send never holds them all and can resume after the last page it finished. Only installations
 * with a device token and a deviceType the adapter serves are read.
 */
public final class InstallationPages {
  private final DataServiceClient data;
  private final List<String> deviceTypes;

  public InstallationPages(DataServiceClient data, List<String> deviceTypes) {
    this.data = data;
    this.deviceTypes = List.copyOf(deviceTypes);
  }

  /** How many installations the push reaches. */
  public Future<Integer> count(JsonObject where) {
    JsonObject params = new JsonObject().put("where", reachable(where, null)).put("limit", 0)
        .put("count", 1);
    return data.find(request(params)).map(found -> found.getInteger("count", 0));
  }

  /**
   * @param range a further constraint (a slice's objectId range), or null
   * @return up to {@code size} installations with objectId after {@code after} (null: first)
   */
  public Future<List<JsonObject>> page(JsonObject where, JsonObject range, String after,
      int size) {
    JsonObject narrowed = range == null ? where : new JsonObject().put("$and",
        new JsonArray().add(where).add(range));
    JsonObject params = new JsonObject().put("where", reachable(narrowed, after))
        .put("limit", size).put("order", "objectId");
    return data.find(request(params)).map(found -> found.getJsonArray("results",
        new JsonArray()).stream().map(JsonObject.class::cast).toList());
  }

  private JsonObject reachable(JsonObject where, String after) {
    JsonArray all = new JsonArray().add(where)
        .add(new JsonObject().put("deviceType", new JsonObject().put("$in",
            new JsonArray(deviceTypes))))
        .add(new JsonObject().put("deviceToken", new JsonObject().put("$exists", true)));
    if (after != null) {
      all.add(new JsonObject().put("objectId", new JsonObject().put("$gt", after)));
    }
    return new JsonObject().put("$and", all);
  }

  private static ServiceRequest request(JsonObject params) {
    return new ServiceRequest(null, AuthContext.masterKey(), ClassNames.INSTALLATION, null,
        params, null);
  }
}
