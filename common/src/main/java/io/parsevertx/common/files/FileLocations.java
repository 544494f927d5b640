package io.parsevertx.common.files;

import io.parsevertx.common.options.ParseServerOptions;
import io.parsevertx.common.options.S3FilesOptions;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a File's {@code url} points. files-service answers an upload with it and data-service
 * puts it on every File it reads, so both must agree: the server's own
 * {@code <serverURL>/files/<appId>/<name>}, or with the S3 adapter's {@code directAccess} the
 * object in the bucket (or behind its {@code baseUrl}).
 */
public final class FileLocations {

  private FileLocations() {}

  /**
   * @param serverBase the server's base URL ({@code publicServerURL}, else {@code serverURL})
   * @return what a file's URL is made of before its encoded name, or null when there is no S3
   *     direct access and no server base
   */
  public static String prefix(JsonObject options, String serverBase) {
    S3FilesOptions s3 = S3FilesOptions.from(options);
    if (s3 != null && s3.directAccess()) {
      return s3.directUrlPrefix();
    }
    if (serverBase == null) {
      return null;
    }
    String base = serverBase.endsWith("/") ? serverBase.substring(0, serverBase.length() - 1)
        : serverBase;
    return base + "/files/" + options.getString(ParseServerOptions.APP_ID) + "/";
  }

  /** The URL of a file named {@code name} under {@code prefix}. */
  public static String url(String prefix, String name) {
    return prefix + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
