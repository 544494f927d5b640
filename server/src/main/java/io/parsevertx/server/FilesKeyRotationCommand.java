package io.parsevertx.server;

import io.parsevertx.common.options.OptionsLoader;
import io.parsevertx.common.options.ParseServerOptions;
import io.parsevertx.files.StoredFiles;
import io.parsevertx.files.encryption.FileCipher;
import io.parsevertx.files.encryption.KeyRotation;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar parse-server.jar rotate-files-key [--oldKey KEY] [--fileNames a,b]
 * [server options]}: re-encrypts stored files to the configured {@code encryptionKey} (none:
 * to unencrypted), from {@code --oldKey} (none: from unencrypted), for every file or the
 * named ones, with the same storage options the server runs with. Prints one line per file and
 * then {@code {"rotated": [...], "notRotated": [...]}}; safe to run again after an
 * interruption. Run it while the server is stopped, then start the server with the new key.
 */
public final class FilesKeyRotationCommand {
  public static final String NAME = "rotate-files-key";
  static final int EXIT_NOT_ALL_ROTATED = 3;

  private FilesKeyRotationCommand() {}

  /** @return the process's exit status */
  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    List<String> rest = new ArrayList<>();
    String oldKey = null;
    List<String> fileNames = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
          : i + 1 < args.size() ? args.get(i + 1) : null;
      boolean inline = arg.contains("=");
      String flag = inline ? arg.substring(0, arg.indexOf('=')) : arg;
      if (flag.equals("--oldKey") || flag.equals("--fileNames")) {
        if (value == null) {
          err.println("parse-server " + NAME + ": " + flag + " needs a value");
          return 1;
        }
        if (flag.equals("--oldKey")) {
          oldKey = value;
        } else {
          fileNames = Arrays.stream(value.split(",")).map(String::trim)
              .filter(n -> !n.isEmpty()).toList();
        }
        i += inline ? 0 : 1;
      } else {
        rest.add(arg);
      }
    }
    JsonObject options;
    try {
      CommandLineOptions.Parsed parsed = CommandLineOptions.parse(rest.toArray(String[]::new));
      options = OptionsLoader.load(parsed.flags(), env, parsed.configFile() == null ? null
          : new JsonObject(Files.readString(Path.of(parsed.configFile()))));
    } catch (java.io.IOException | RuntimeException e) {
      err.println("parse-server " + NAME + ": " + e.getMessage());
      return 1;
    }
    String newKey = options.getString(ParseServerOptions.ENCRYPTION_KEY);
    if (oldKey == null && newKey == null) {
      err.println("parse-server " + NAME + ": nothing to do: give the new key as "
          + "--encryptionKey and/or the current one as --oldKey");
      return 1;
    }
    Vertx vertx = Vertx.vertx();
    StoredFiles files = StoredFiles.open(vertx, options);
    KeyRotation rotation = new KeyRotation(vertx, files.stored(),
        oldKey == null ? null : FileCipher.forKey(oldKey),
        newKey == null ? null : FileCipher.forKey(newKey));
    List<String> named = fileNames;
    Promise<KeyRotation.Result> result = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> (named != null
        ? Future.succeededFuture(named) : files.stored().names())
        .compose(names -> {
          out.println("rotate: " + names.size() + " files");
          return rotation.rotate(names, line -> out.println("rotate: " + line));
        })
        .onComplete(result));
    try {
      KeyRotation.Result done = result.future().toCompletionStage().toCompletableFuture().join();
      out.println(new JsonObject().put("rotated", new JsonArray(done.rotated()))
          .put("notRotated", new JsonArray(done.notRotated())).encode());
      return done.notRotated().isEmpty() ? 0 : EXIT_NOT_ALL_ROTATED;
    } catch (RuntimeException e) {
      err.println("parse-server " + NAME + ": " + (e.getCause() == null ? e : e.getCause())
          .getMessage());
      return 2;
    } finally {
      Promise<Void> closed = Promise.promise();
      vertx.getOrCreateContext().runOnContext(v -> files.closeAsync().onComplete(closed));
      closed.future().eventually(() -> vertx.close()).toCompletionStage().toCompletableFuture()
          .join();
    }
  }
}
