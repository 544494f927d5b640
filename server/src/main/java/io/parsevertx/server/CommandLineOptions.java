package io.parsevertx.server;

import io.parsevertx.common.options.OptionDef;
import io.parsevertx.common.options.OptionType;
import io.parsevertx.common.options.OptionsException;
import io.parsevertx.common.options.ParseServerOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line, built from the option registry so that every server option is a flag:
 * {@code --appId x}, {@code --liveQuery '{"classNames":["A"]}'}, a bare {@code --cluster} for
 * booleans, and an optional config.json path as the one positional argument.
 */
final class CommandLineOptions {

  /** What the command line said: flag texts by option name, and the config file, if any. */
  record Parsed(Map<String, String> flags, String configFile, boolean helpRequested,
      String usage) {}

  private CommandLineOptions() {}

  static Parsed parse(String... args) {
    CommandSpec spec = CommandSpec.create().name("parse-server");
    spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
        .description("Show this help and exit.").build());
    for (OptionDef def : ParseServerOptions.all().values()) {
      OptionSpec.Builder option = OptionSpec.builder(def.flag())
          .paramLabel(def.type().name().toLowerCase())
          .description(description(def));
      if (def.type() == OptionType.BOOLEAN) {
        // note: typed Boolean so a bare --cluster does not swallow the config.json after it
        option.type(Boolean.class).arity("0..1").fallbackValue("true");
      } else {
        option.type(String.class).arity("1");
      }
      spec.addOption(option.build());
    }
    spec.addPositional(PositionalParamSpec.builder().index("0").arity("0..1")
        .paramLabel("config.json").type(String.class)
        .description("Optional JSON file of options (parse-server's config file).").build());
    CommandLine commandLine = new CommandLine(spec);
    try {
      ParseResult result = commandLine.parseArgs(args);
      Map<String, String> flags = new LinkedHashMap<>();
      for (OptionSpec matched : result.matchedOptions()) {
        if (!matched.usageHelp()) {
          flags.put(matched.longestName().substring(2), String.valueOf((Object) matched.getValue()));
        }
      }
      List<PositionalParamSpec> positional = result.matchedPositionals();
      String configFile = positional.isEmpty() ? null : positional.get(0).getValue();
      return new Parsed(flags, configFile, result.isUsageHelpRequested(),
          commandLine.getUsageMessage());
    } catch (CommandLine.ParameterException e) {
      throw new OptionsException(e.getMessage().lines().findFirst().orElse("Invalid arguments"));
    }
  }

  private static String description(OptionDef def) {
    String base = def.help().isEmpty() ? "" : def.help() + " ";
    String defaults = def.defaultValue() == null ? "" : "(default " + def.defaultValue() + ") ";
    return base + defaults + "[env " + def.env() + "]";
  }
}
