package io.parsevertx.cloud.java;

import io.vertx.core.json.JsonObject;

/**
 * What a Java trigger sees.
 *
 * @param className the class written
 * @param object the object as it will be (beforeSave: the stored one with the request's fields;
 *     edit it to change what is written) or as it is (after triggers, beforeDelete)
 * @param original the stored object before this write, or null when new
 * @param master the master key was used
 * @param user the caller's {@code _User}, or null
 * @param sdk this server, in-process
 */
public record TriggerRequest(String className, JsonObject object, JsonObject original,
    boolean master, JsonObject user, CloudSdk sdk) {

  public boolean isNew() {
    return original == null && object.getString("objectId") == null;
  }
}
