package io.parsevertx.common.security;

import io.parsevertx.common.options.OptionsException;
import io.parsevertx.common.options.ParseServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code trustProxy}: the proxies whose {@code X-Forwarded-For} is believed, as addresses, CIDR
 * ranges or the names {@code loopback}, {@code linklocal}, {@code uniquelocal}. The caller is
 * then the last address in the header that is not itself a trusted proxy. With no proxies
 * trusted (the default) the header is ignored: anyone can write it, so believing it would let
 * a client pick the address its requests are counted and checked against.
 */
public final class TrustedProxies {
  private static final TrustedProxies NONE = new TrustedProxies(null);
  private final IpAllowList proxies;

  private TrustedProxies(IpAllowList proxies) {
    this.proxies = proxies;
  }

  /** @throws OptionsException naming an entry that is not an address, range or name */
  public static TrustedProxies from(JsonObject options) {
    JsonArray given = options.getValue(ParseServerOptions.TRUST_PROXY) instanceof JsonArray a
        ? a : new JsonArray();
    if (given.isEmpty()) {
      return NONE;
    }
    List<String> entries = new ArrayList<>();
    for (Object entry : given) {
      switch (String.valueOf(entry).trim()) {
        case "loopback" -> entries.addAll(List.of("127.0.0.0/8", "::1/128"));
        case "linklocal" -> entries.addAll(List.of("169.254.0.0/16", "fe80::/10"));
        case "uniquelocal" -> entries.addAll(List.of("10.0.0.0/8", "172.16.0.0/12",
            "192.168.0.0/16", "fc00::/7"));
        default -> entries.add(String.valueOf(entry).trim());
      }
    }
    try {
      return new TrustedProxies(IpAllowList.of(entries));
    } catch (IllegalArgumentException e) {
      throw new OptionsException("Invalid option --trustProxy: " + e.getMessage());
    }
  }

  /**
   * @param peer the address the connection comes from
   * @param forwardedFor the {@code X-Forwarded-For} header, or null
   * @return the caller's address
   */
  public String clientAddress(String peer, String forwardedFor) {
    if (proxies == null || forwardedFor == null || !proxies.allows(peer)) {
      return peer;
    }
    String[] hops = forwardedFor.split(",");
    String client = peer;
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (hop.isEmpty()) {
        continue;
      }
      client = hop;
      if (!proxies.allows(hop)) {
        break;
      }
    }
    return client;
  }
}
