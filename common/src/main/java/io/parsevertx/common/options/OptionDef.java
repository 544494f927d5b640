package io.parsevertx.common.options;

/**
 * One server option: its parse-server name (also the CLI flag and config.json key), its
 * environment variable, its type and default.
 *
 * @param supported false for a parse-server option this server accepts but does not act on yet;
 *     the launcher warns when one is set
 */
public record OptionDef(String name, String env, OptionType type, Object defaultValue,
    boolean supported, String help) {

  public String flag() {
    return "--" + name;
  }
}
