package io.parsevertx.data;

import io.parsevertx.common.ObjectIds;
import io.parsevertx.common.options.OptionsException;
import io.parsevertx.common.options.ParseServerOptions;
import io.parsevertx.common.options.RequestComplexity;
import io.vertx.core.json.JsonObject;

/**
 * What data-service needs from the server options.
 *
 * @param databaseURI where objects are stored
 * @param appId the application id, part of file URLs
 * @param filesBaseUrl what file values' URLs are made of before the name
 *     ({@code <publicServerURL|serverURL>/files/<appId>/}, or the bucket with the S3 adapter's
 *     {@code directAccess}), or null for none
 * @param maxLimit the cap on a query's {@code limit}, or -1 for none
 * @param objectIdSize length of new object ids
 * @param complexity limits on query nesting and includes
 * @param protectedFields the {@code protectedFields} option, by class name
 * @param allowClientClassCreation whether a client (not the master key) may create a class by
 *     writing to it, off by default as in Parse Server
 * @param auth the {@code auth} option, which decides what replies show of users' authData
 * @param databaseOptions the {@code databaseOptions} option, or null
 * @param liveQueryClasses the classes whose changes are announced for LiveQuery
 *     ({@code liveQuery.classNames})
 * @param liveQueryRedisURL where changes are published for LiveQuery pods
 *     ({@code liveQuery.redisURL}), or null for the event bus
 */
public record DataServiceConfig(String databaseURI, String appId, String filesBaseUrl,
    int maxLimit, int objectIdSize, RequestComplexity complexity, JsonObject protectedFields,
    boolean allowClientClassCreation, JsonObject auth, JsonObject databaseOptions,
    java.util.Set<String> liveQueryClasses, String liveQueryRedisURL) {

  public static DataServiceConfig fromJson(JsonObject options) {
    String databaseUri = options.getString(ParseServerOptions.DATABASE_URI);
    if (databaseUri == null) {
      throw new OptionsException("Missing option --databaseURI for data-service");
    }
    String base = options.getString(ParseServerOptions.PUBLIC_SERVER_URL,
        options.getString(ParseServerOptions.SERVER_URL));
    return new DataServiceConfig(databaseUri, options.getString(ParseServerOptions.APP_ID),
        io.parsevertx.common.files.FileLocations.prefix(options, base),
        options.getNumber(ParseServerOptions.MAX_LIMIT, -1).intValue(),
        options.getNumber(ParseServerOptions.OBJECT_ID_SIZE, ObjectIds.DEFAULT_SIZE).intValue(),
        RequestComplexity.fromJson(options.getJsonObject(
            ParseServerOptions.REQUEST_COMPLEXITY)),
        options.getJsonObject(ParseServerOptions.PROTECTED_FIELDS, new JsonObject()),
        options.getBoolean(ParseServerOptions.ALLOW_CLIENT_CLASS_CREATION, false),
        options.getJsonObject(ParseServerOptions.AUTH),
        options.getJsonObject(ParseServerOptions.DATABASE_OPTIONS),
        liveQueryClasses(options.getJsonObject(ParseServerOptions.LIVE_QUERY)),
        options.getJsonObject(ParseServerOptions.LIVE_QUERY, new JsonObject())
            .getString("redisURL"));
  }

  private static java.util.Set<String> liveQueryClasses(JsonObject liveQuery) {
    java.util.Set<String> classes = new java.util.HashSet<>();
    if (liveQuery != null
        && liveQuery.getValue("classNames") instanceof io.vertx.core.json.JsonArray names) {
      names.forEach(name -> classes.add(String.valueOf(name)));
    }
    return java.util.Set.copyOf(classes);
  }
}
