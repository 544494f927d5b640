package io.parsevertx.common.options;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Resolves the server's options from the three places parse-server reads them, highest first:
 * command-line flags, {@code PARSE_SERVER_*} environment variables, then a config.json; defaults
 * fill the rest. Each value is parsed by its option's type, so every wrong option is reported
 * with its name before anything starts.
 */
public final class OptionsLoader {

  private OptionsLoader() {}

  /**
   * @param flags option name to the text given on the command line
   * @param env the process environment
   * @param configFile the parsed config.json, or null
   * @return every option that has a value, by option name
   * @throws OptionsException naming the first unknown or invalid option
   */
  public static JsonObject load(Map<String, String> flags, Map<String, String> env,
      JsonObject configFile) {
    JsonObject resolved = new JsonObject();
    for (OptionDef def : ParseServerOptions.all().values()) {
      if (def.defaultValue() != null) {
        resolved.put(def.name(), def.defaultValue());
      }
    }
    if (configFile != null) {
      for (Map.Entry<String, Object> entry : configFile) {
        OptionDef def = known(entry.getKey(), "config file key");
        resolved.put(def.name(), convert(def, () -> def.type().checkJson(entry.getValue()),
            "config file key " + def.name()));
      }
    }
    for (OptionDef def : ParseServerOptions.all().values()) {
      String text = env.get(def.env());
      if (text != null) {
        resolved.put(def.name(), convert(def, () -> def.type().parseText(text),
            "environment variable " + def.env()));
      }
    }
    for (Map.Entry<String, String> flag : flags.entrySet()) {
      OptionDef def = known(flag.getKey(), "option");
      resolved.put(def.name(), convert(def, () -> def.type().parseText(flag.getValue()),
          "option " + def.flag()));
    }
    OptionsValidator.validate(resolved);
    return resolved;
  }

  private static OptionDef known(String name, String what) {
    OptionDef def = ParseServerOptions.get(name);
    if (def == null) {
      throw new OptionsException("Unknown " + what + ": " + name);
    }
    return def;
  }

  private static Object convert(OptionDef def, java.util.function.Supplier<Object> parse,
      String where) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new OptionsException("Invalid " + where + ": " + e.getMessage());
    }
  }
}
