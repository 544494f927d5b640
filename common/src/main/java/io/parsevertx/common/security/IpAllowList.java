package io.parsevertx.common.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Addresses and CIDR ranges ({@code 10.0.0.0/8}, {@code ::1}, {@code 0.0.0.0/0}) a key may be
 * used from, as parse-server's {@code masterKeyIps}. IPv4-mapped IPv6 addresses match their IPv4
 * ranges.
 */
public final class IpAllowList {
  private record Range(byte[] network, int prefix) {}

  private final List<Range> ranges;

  private IpAllowList(List<Range> ranges) {
    this.ranges = ranges;
  }

  /** @throws IllegalArgumentException naming the entry that is not an address or range */
  public static IpAllowList of(List<String> entries) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : entries) {
      String[] parts = entry.trim().split("/", 2);
      byte[] address = literal(parts[0], entry);
      int prefix = address.length * 8;
      if (parts.length == 2) {
        try {
          prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > address.length * 8) {
          throw new IllegalArgumentException("bad CIDR prefix in " + entry);
        }
      }
      ranges.add(new Range(address, prefix));
    }
    return new IpAllowList(ranges);
  }

  public boolean allows(String host) {
    byte[] address;
    try {
      address = normalize(InetAddress.getByName(stripBrackets(host)).getAddress());
    } catch (UnknownHostException e) {
      return false;
    }
    return ranges.stream().anyMatch(range -> matches(range, address));
  }

  private static boolean matches(Range range, byte[] address) {
    if (range.network().length != address.length) {
      return false;
    }
    int fullBytes = range.prefix() / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (range.network()[i] != address[i]) {
        return false;
      }
    }
    int rest = range.prefix() % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xFF << (8 - rest) & 0xFF;
    return (range.network()[fullBytes] & mask) == (address[fullBytes] & mask);
  }

  private static byte[] literal(String text, String entry) {
    String host = stripBrackets(text);
    if (!host.matches("^[0-9a-fA-F:.]+$")) {
      throw new IllegalArgumentException("not an IP address: " + entry);
    }
    try {
      return normalize(InetAddress.getByName(host).getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + entry);
    }
  }

  /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as its IPv4 bytes. */
  private static byte[] normalize(byte[] address) {
    if (address.length == 16) {
      boolean mapped = address[10] == (byte) 0xFF && address[11] == (byte) 0xFF;
      for (int i = 0; i < 10 && mapped; i++) {
        mapped = address[i] == 0;
      }
      if (mapped) {
        return new byte[] {address[12], address[13], address[14], address[15]};
      }
    }
    return address;
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
        : host;
  }
}
