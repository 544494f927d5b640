package io.parsevertx.server;

import io.parsevertx.common.options.OptionDef;
import io.parsevertx.common.options.OptionsException;
import io.parsevertx.common.options.OptionsLoader;
import io.parsevertx.common.options.ParseServerOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar parse-server.jar [options] [config.json]}: resolves the options (flags, then
 * {@code PARSE_SERVER_*} variables, then the config file), starts the suite and stops it
 * gracefully on SIGTERM. {@code java -jar parse-server.jar rotate-files-key ...} runs
 * {@link FilesKeyRotationCommand} instead. A wrong option ends the process with status 1 and one line naming it.
 */
public final class ParseServerMain {
  private static final Logger LOG = LoggerFactory.getLogger(ParseServerMain.class);
  private static final int EXIT_BAD_OPTIONS = 1;
  private static final int EXIT_START_FAILED = 2;

  private ParseServerMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && FilesKeyRotationCommand.NAME.equals(args[0])) {
      System.exit(FilesKeyRotationCommand.run(java.util.List.of(args).subList(1, args.length),
          System.getenv(), System.out, System.err));
      return;
    }
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    JsonObject options;
    try {
      CommandLineOptions.Parsed parsed = CommandLineOptions.parse(args);
      if (parsed.helpRequested()) {
        new PrintWriter(System.out, true, StandardCharsets.UTF_8).print(parsed.usage());
        return;
      }
      options = OptionsLoader.load(parsed.flags(), System.getenv(),
          readConfigFile(parsed.configFile()));
      LogLevels.apply(options);
      io.parsevertx.auth.AuthServiceConfig.validate(options);
      io.parsevertx.storage.StorageAdapters.check(options.getString(
          ParseServerOptions.DATABASE_URI), options.getJsonObject(
          ParseServerOptions.DATABASE_OPTIONS));
    } catch (OptionsException e) {
      err.println("parse-server: " + e.getMessage());
      System.exit(EXIT_BAD_OPTIONS);
      return;
    }
    warnAboutUnsupported(options);
    SuiteLauncher.RunningSuite suite;
    try {
      suite = SuiteLauncher.start(options).toCompletionStage().toCompletableFuture().join();
    } catch (RuntimeException e) {
      LOG.error("event=start_failed reason={}", rootMessage(e), e);
      System.exit(EXIT_START_FAILED);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("event=shutdown_started");
      suite.close();
      LOG.info("event=shutdown_complete");
    }, "parse-server-shutdown"));
    if (suite.gatewayPort() != null) {
      String mount = options.getString(ParseServerOptions.MOUNT_PATH);
      LOG.info("event=started url=http://localhost:{}{} services={}", suite.gatewayPort(), mount,
          options.getJsonArray(ParseServerOptions.SERVICES).encode());
    } else {
      LOG.info("event=started services={}",
          options.getJsonArray(ParseServerOptions.SERVICES).encode());
    }
  }

  private static JsonObject readConfigFile(String path) {
    if (path == null) {
      return null;
    }
    try {
      return new JsonObject(Files.readString(Path.of(path), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new OptionsException("Cannot read config file " + path + ": " + e.getMessage());
    } catch (DecodeException | ClassCastException e) {
      throw new OptionsException("Config file " + path + " is not a JSON object");
    }
  }

  private static void warnAboutUnsupported(JsonObject options) {
    for (Map.Entry<String, OptionDef> entry : ParseServerOptions.all().entrySet()) {
      OptionDef def = entry.getValue();
      Object value = options.getValue(def.name());
      if (!def.supported() && value != null && !Objects.equals(value, def.defaultValue())) {
        LOG.warn("event=option_not_supported_yet option={}", def.name());
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
