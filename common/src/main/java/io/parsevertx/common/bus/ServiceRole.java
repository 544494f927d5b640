package io.parsevertx.common.bus;

import io.parsevertx.common.Enums;

import java.util.Arrays;
import java.util.List;

/** The roles a process can run ({@code --services}), and each role's health address. */
public enum ServiceRole {
  GATEWAY("gateway"),
  DATA("data"),
  AUTH("auth"),
  FILES("files"),
  PUSH("push"),
  LIVEQUERY("livequery");

  private final String flagName;

  ServiceRole(String flagName) {
    this.flagName = flagName;
  }

  public String flagName() {
    return flagName;
  }

  /** Answers {@code {"status":"ok"}} once the role's verticle is deployed and ready. */
  public String healthAddress() {
    return EventBusAddresses.PREFIX + "health." + flagName;
  }

  /** The roles behind the gateway. */
  public static List<ServiceRole> backends() {
    return Arrays.stream(values()).filter(r -> r != GATEWAY).toList();
  }

  /** The role with this {@code --services} name, or null. */
  public static ServiceRole fromFlagName(String name) {
    return Enums.byName(values(), ServiceRole::flagName, name.trim().toLowerCase());
  }
}
