package io.parsevertx.cloud.java;

import io.vertx.core.json.JsonObject;

/**
 * What a Java function sees, as {@code request} in Parse's cloud code.
 *
 * @param params the function's parameters
 * @param master the master key was used
 * @param user the caller's {@code _User} (with {@code sessionToken}), or null
 * @param installationId the caller's installation, or null
 * @param ip the caller's address
 * @param sdk this server, in-process: as master or as the caller
 */
public record FunctionRequest(JsonObject params, boolean master, JsonObject user,
    String installationId, String ip, CloudSdk sdk) {}
