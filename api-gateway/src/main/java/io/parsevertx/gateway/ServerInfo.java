package io.parsevertx.gateway;

import io.parsevertx.common.options.ParseServerOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What {@code GET /serverInfo} says: the version and the features this server has, in Parse
 * Server's shape (its FeaturesRouter), each true only when it works here.
 *
 * @param pushConfigured a {@code push} option is set (else {@code POST /push} answers 115)
 * @param scheduledPush {@code scheduledPush} is on as well, so {@code push_time} defers a send
 */
public record ServerInfo(String version, boolean pushConfigured, boolean scheduledPush) {
  /** The Parse Server release whose REST API this server speaks (compat/README.md). */
  public static final String PARSE_SERVER_COMPATIBLE = "9.10.0";
  /** Names this server inside the version, as SemVer build metadata. */
  public static final String PRODUCT = "parse-vertx";

  public static ServerInfo fromJson(JsonObject options) {
    boolean push = options.getValue(ParseServerOptions.PUSH) != null;
    return new ServerInfo(projectVersion(), push,
        push && options.getBoolean(ParseServerOptions.SCHEDULED_PUSH, false));
  }

  /**
   * {@code 9.10.0+parse-vertx.<our version>}: Parse Dashboard checks features with
   * {@code semver.valid} and {@code semver.gte}, which ignore build metadata, so it compares
   * exactly as Parse Server 9.10.0 (a {@code -suffix} would make it a pre-release, lower).
   */
  public String parseServerVersion() {
    return PARSE_SERVER_COMPATIBLE + "+" + PRODUCT + "." + version;
  }

  /** The {@code features} object of {@code /serverInfo}. */
  public JsonObject features() {
    JsonObject crud = new JsonObject().put("create", true).put("read", true).put("update", true)
        .put("delete", true);
    return new JsonObject()
        .put("globalConfig", crud.copy())
        .put("hooks", crud.copy())
        .put("cloudCode", new JsonObject().put("jobs", true))
        .put("logs", new JsonObject().put("level", true).put("size", true).put("order", true)
            .put("until", true).put("from", true))
        .put("push", new JsonObject().put("immediatePush", pushConfigured)
            .put("scheduledPush", scheduledPush).put("storedPushData", pushConfigured)
            .put("pushAudiences", true).put("localization", true))
        // note: exportClass is Parse.com's POST /export_data, which Parse Server lacks too
        .put("schemas", new JsonObject().put("addField", true).put("removeField", true)
            .put("addClass", true).put("removeClass", true).put("clearAllDataFromClass", true)
            .put("exportClass", false).put("editClassLevelPermissions", true)
            .put("editPointerPermissions", true))
        .put("settings", new JsonObject().put("securityCheck", false));
  }

  /** The project version Maven wrote into {@code version.properties}. */
  private static String projectVersion() {
    Properties properties = new Properties();
    try (InputStream in = ServerInfo.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = properties.getProperty("version", "unknown");
    // note: SemVer build identifiers allow [0-9A-Za-z-] only
    return version.startsWith("${") ? "unknown" : version.replaceAll("[^0-9A-Za-z.-]", "-");
  }
}
