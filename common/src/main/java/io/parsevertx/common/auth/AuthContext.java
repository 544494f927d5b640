package io.parsevertx.common.auth;

import io.vertx.core.json.JsonObject;

/**
 * Who is calling, as the gateway established it once per request. Services trust this and never
 * look at HTTP headers.
 *
 * @param master the master key was given (and accepted)
 * @param readOnlyMaster the read-only master key was given: reads as master, writes refused
 * @param sessionToken the caller's session token, if any
 * @param userId the user behind the session token, once resolved
 * @param installationId the {@code X-Parse-Installation-Id} of the caller, if any
 * @param clientVersion the SDK's {@code X-Parse-Client-Version}, if any
 * @param ip the caller's address as the gateway saw it
 */
public record AuthContext(boolean master, boolean readOnlyMaster, String sessionToken,
    String userId, String installationId, String clientVersion, String ip) {

  private static final String MASTER = "master";
  private static final String READ_ONLY_MASTER = "readOnlyMaster";
  private static final String SESSION_TOKEN = "sessionToken";
  private static final String USER_ID = "userId";
  private static final String INSTALLATION_ID = "installationId";
  private static final String CLIENT_VERSION = "clientVersion";
  private static final String IP = "ip";

  public static AuthContext anonymous() {
    return new AuthContext(false, false, null, null, null, null, null);
  }

  public static AuthContext masterKey() {
    return new AuthContext(true, false, null, null, null, null, null);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put(MASTER, master).put(READ_ONLY_MASTER, readOnlyMaster);
    putIfSet(json, SESSION_TOKEN, sessionToken);
    putIfSet(json, USER_ID, userId);
    putIfSet(json, INSTALLATION_ID, installationId);
    putIfSet(json, CLIENT_VERSION, clientVersion);
    putIfSet(json, IP, ip);
    return json;
  }

  public static AuthContext fromJson(JsonObject json) {
    if (json == null) {
      return anonymous();
    }
    return new AuthContext(json.getBoolean(MASTER, false), json.getBoolean(READ_ONLY_MASTER, false),
        json.getString(SESSION_TOKEN), json.getString(USER_ID), json.getString(INSTALLATION_ID),
        json.getString(CLIENT_VERSION), json.getString(IP));
  }

  private static void putIfSet(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  @Override
  public String toString() {
    // note: the session token is a secret; it stays out of logs
    return "AuthContext[master=" + master + ", readOnlyMaster=" + readOnlyMaster + ", userId="
        + userId + ", installationId=" + installationId + "]";
  }
}
