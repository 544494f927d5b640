package io.parsevertx.cloud;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * What the Parse JS SDK inside cloud code reaches on this server: its identity, and its REST
 * requests answered in-process by the service hosting the cloud code.
 */
public interface CloudHost {
  String appId();

  String masterKey();

  /** The mount path ({@code /parse}), which prefixes the paths inside a {@code batch}. */
  String mountPath();

  /**
   * One request the SDK makes, as its RESTController receives it.
   *
   * @param path below the mount, such as {@code classes/GameScore} or {@code functions/hello}
   * @param data the body (for a GET: the query parameters)
   * @param options {@code useMasterKey}, {@code sessionToken}, {@code installationId}
   * @return the REST answer's JSON; a failure carries a Parse error
   */
  Future<JsonObject> request(String method, String path, JsonObject data, JsonObject options);
}
