package io.parsevertx.cloud.java;

import io.vertx.core.json.JsonObject;

/**
 * What a Java LiveQuery or {@code Parse.File} trigger sees: one shape for every kind, with the
 * kind's own fields in {@link #data()}, as the JavaScript handler gets them on {@code request}.
 *
 * @param triggerName {@code beforeConnect}, {@code beforeSubscribe}, {@code afterLiveQueryEvent},
 *     or {@code beforeSave}, {@code afterSave}, {@code beforeDelete}, {@code afterDelete} of a file
 * @param className the subscription's class; {@code @Connect} for beforeConnect, {@code @File}
 *     for files
 * @param data the request's fields (beforeConnect: {@code useMasterKey}, {@code sessionToken},
 *     {@code clients}, ...; beforeSubscribe: {@code query}; files: {@code file},
 *     {@code fileSize}); a handler may edit them where the JavaScript one may
 * @param master the master key was used
 * @param user the caller's {@code _User} (with {@code sessionToken}), or null
 * @param installationId the caller's installation, or null
 * @param sdk this server, in-process
 */
public record LiveRequest(String triggerName, String className, JsonObject data, boolean master,
    JsonObject user, String installationId, CloudSdk sdk) {

  /** beforeSubscribe: {@code {"where", "keys"}}; edit {@code where} to narrow it. */
  public JsonObject query() {
    return data.getJsonObject("query");
  }

  /** beforeSubscribe: the query's constraints, to edit (an empty one is added when none). */
  public JsonObject where() {
    JsonObject where = query().getJsonObject("where");
    if (where == null) {
      where = new JsonObject();
      query().put("where", where);
    }
    return where;
  }

  /**
   * afterLiveQueryEvent: the object the event carries, to edit; put {@code "sendEvent": false}
   * in {@link #data()} to hold the event back.
   */
  public JsonObject object() {
    return data.getJsonObject("object");
  }

  /** Files: {@code {"__type": "File", "name", "url"?, "contentType"?}}. */
  public JsonObject file() {
    return data.getJsonObject("file");
  }

  /** Files: the upload's {@code Content-Length}, or null when not known. */
  public Long fileSize() {
    return data.getLong("fileSize");
  }
}
