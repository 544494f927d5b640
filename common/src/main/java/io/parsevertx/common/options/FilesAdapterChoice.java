package io.parsevertx.common.options;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/**
 * What {@code filesAdapter} chooses: GridFS, the filesystem, S3 ({@link S3FilesOptions}), or an
 * adapter class of the deployment's own, as a name or as {@code {"module", "options"}} the way
 * Parse Server takes adapters. Checked at start, one line naming what is wrong.
 *
 * @param kind which adapter; null when the database decides (GridFS on MongoDB, else the
 *     filesystem)
 * @param className the custom adapter's class, for {@link Kind#CUSTOM}
 * @param options the adapter's {@code options} object (empty when none)
 */
public record FilesAdapterChoice(Kind kind, String className, JsonObject options) {
  public enum Kind { GRIDFS, FILESYSTEM, S3, CUSTOM }

  private static final Set<String> GRIDFS = Set.of("gridfs", "gridfsbucketadapter");
  private static final Set<String> FILESYSTEM = Set.of("filesystem", "@parse/fs-files-adapter",
      "parse-server-fs-adapter");
  private static final String OPTION = "Invalid option --filesAdapter: ";

  public static FilesAdapterChoice from(JsonObject serverOptions) {
    Object chosen = serverOptions.getValue(ParseServerOptions.FILES_ADAPTER);
    if (chosen == null) {
      return new FilesAdapterChoice(null, null, new JsonObject());
    }
    String module = chosen instanceof JsonObject json ? json.getString("module")
        : chosen instanceof String s ? s : null;
    Object rawOptions = chosen instanceof JsonObject json ? json.getValue("options") : null;
    if (module == null || module.isBlank()) {
      throw new OptionsException(OPTION + "give an adapter name or {\"module\": name, "
          + "\"options\": {...}}");
    }
    if (rawOptions != null && !(rawOptions instanceof JsonObject)) {
      throw new OptionsException(OPTION + "options must be a JSON object");
    }
    JsonObject options = rawOptions == null ? new JsonObject() : (JsonObject) rawOptions;
    String name = module.trim().toLowerCase(Locale.ROOT);
    if (GRIDFS.contains(name)) {
      return new FilesAdapterChoice(Kind.GRIDFS, null, options);
    }
    if (FILESYSTEM.contains(name)) {
      String sub = options.getValue("filesSubDirectory") instanceof String s ? s : null;
      if (sub != null && (sub.startsWith("/") || sub.contains(".."))) {
        throw new OptionsException(OPTION + "filesSubDirectory must be a relative path "
            + "without '..', got " + sub);
      }
      return new FilesAdapterChoice(Kind.FILESYSTEM, null, options);
    }
    if (S3FilesOptions.from(serverOptions) != null) {
      return new FilesAdapterChoice(Kind.S3, null, options);
    }
    try {
      Class.forName(module.trim(), false, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new OptionsException(OPTION + "unknown adapter " + module + " (known: gridfs, "
          + "filesystem, s3, or the name of a class implementing "
          + "io.parsevertx.files.FilesAdapter on the class path)");
    }
    return new FilesAdapterChoice(Kind.CUSTOM, module.trim(), options);
  }

  /**
   * The adapter's own {@code encryptionKey} (as {@code @parse/fs-files-adapter} takes it), else
   * the server's.
   */
  public String encryptionKey(JsonObject serverOptions) {
    Object own = options.getValue("encryptionKey");
    return own instanceof String key && !key.isEmpty() ? key
        : serverOptions.getString(ParseServerOptions.ENCRYPTION_KEY);
  }
}
