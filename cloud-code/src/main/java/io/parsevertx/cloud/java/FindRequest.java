package io.parsevertx.cloud.java;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a Java {@code beforeFind} or {@code afterFind} sees.
 *
 * @param triggerName {@code beforeFind} or {@code afterFind}
 * @param className the class found
 * @param query beforeFind: the find's {@code where}, {@code limit}, {@code skip}, {@code order},
 *     {@code keys}, {@code include}, {@code count}, as the REST API takes them; edit it to
 *     change the find ({@code where} always present). Null in an afterFind.
 * @param objects afterFind: the results in the REST shape, a list the handler may edit; null in
 *     a beforeFind
 * @param master the master key was used
 * @param user the caller's {@code _User} (with {@code sessionToken}), or null
 * @param sdk this server, in-process
 */
public record FindRequest(String triggerName, String className, JsonObject query,
    List<JsonObject> objects, boolean master, JsonObject user, CloudSdk sdk) {

  /** beforeFind: {@code query().getJsonObject("where")}, the constraints to edit. */
  public JsonObject where() {
    return query.getJsonObject("where");
  }
}
