package io.parsevertx.files;

import io.parsevertx.common.options.ByteSizes;
import io.parsevertx.common.options.OptionsException;
import io.parsevertx.common.options.ParseServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What files-service needs from the server options.
 *
 * @param filesUrl what file URLs are made of before the name
 *     ({@code <publicServerURL|serverURL>/files/<appId>/}, or the bucket with S3
 *     {@code directAccess}; see {@link io.parsevertx.common.files.FileLocations})
 * @param directory where the filesystem adapter keeps files ({@code <dataDir>/files})
 * @param maxUploadSize bytes one upload may have ({@code maxUploadSize}, 20mb)
 * @param enableForPublic {@code fileUpload.enableForPublic}: callers without a session
 * @param enableForAnonymousUser {@code fileUpload.enableForAnonymousUser}: users signed up
 *     through the anonymous provider (false by default, as in Parse Server)
 * @param enableForAuthenticatedUser {@code fileUpload.enableForAuthenticatedUser}
 * @param extensions {@code fileUpload.fileExtensions}: a file's extension must match one;
 *     by default anything but HTML-like types, which would run script in the server's origin
 * @param preserveFileName {@code fileUpload.preserveFileName}: no unique prefix
 */
record FilesConfig(String appId, String masterKey, String filesUrl, Path directory,
    long maxUploadSize, boolean enableForPublic, boolean enableForAnonymousUser,
    boolean enableForAuthenticatedUser,
    List<Pattern> extensions, boolean preserveFileName, int internalPort) {
  /** Parse Server's default: every extension but html, htm, shtml, xhtml (any case). */
  static final String DEFAULT_EXTENSION = "^(?![xXsS]?[hH][tT][mM][lL]?$)";

  static FilesConfig fromJson(JsonObject options) {
    JsonObject upload = options.getJsonObject(ParseServerOptions.FILE_UPLOAD, new JsonObject());
    List<Pattern> extensions = new ArrayList<>();
    Object configured = upload.getValue("fileExtensions");
    JsonArray patterns = configured instanceof JsonArray array ? array
        : new JsonArray().add(DEFAULT_EXTENSION);
    for (Object pattern : patterns) {
      try {
        extensions.add(Pattern.compile(String.valueOf(pattern)));
      } catch (RuntimeException e) {
        throw new OptionsException("Invalid option --fileUpload: fileExtensions has a bad "
            + "pattern " + pattern);
      }
    }
    String base = options.getString(ParseServerOptions.PUBLIC_SERVER_URL,
        options.getString(ParseServerOptions.SERVER_URL, "http://localhost:1337/parse"));
    return new FilesConfig(options.getString(ParseServerOptions.APP_ID),
        options.getString(ParseServerOptions.MASTER_KEY),
        io.parsevertx.common.files.FileLocations.prefix(options, base),
        Path.of(options.getString(ParseServerOptions.DATA_DIR, "./data"), "files"),
        ByteSizes.parse(options.getString(ParseServerOptions.MAX_UPLOAD_SIZE, "20mb")),
        upload.getBoolean("enableForPublic", false),
        upload.getBoolean("enableForAnonymousUser", false),
        upload.getBoolean("enableForAuthenticatedUser", true), List.copyOf(extensions),
        upload.getBoolean("preserveFileName", false), 0);
  }
}
