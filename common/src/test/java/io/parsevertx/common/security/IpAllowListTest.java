package io.parsevertx.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAllowListTest {

  @ParameterizedTest(name = "{0} allows {1}: {2}")
  @CsvSource({
      "127.0.0.1, 127.0.0.1, true",
      "127.0.0.1, 127.0.0.2, false",
      "::1, 0:0:0:0:0:0:0:1, true",
      "::1, 127.0.0.1, false",
      "10.0.0.0/8, 10.200.3.4, true",
      "10.0.0.0/8, 11.0.0.1, false",
      "192.168.1.0/25, 192.168.1.127, true",
      "192.168.1.0/25, 192.168.1.128, false",
      "0.0.0.0/0, 8.8.8.8, true",
      "::/0, 2001:db8::1, true",
      "10.0.0.0/8, ::ffff:10.1.2.3, true",
      "10.0.0.0/8, not-an-ip.invalid, false"})
  void allows(String entry, String host, boolean allowed) {
    assertEquals(allowed, IpAllowList.of(List.of(entry)).allows(host));
  }

  @ParameterizedTest
  @CsvSource({"localhost", "10.0.0.0/33", "10.0.0.0/x", "example.com"})
  void refusesWhatIsNotARange(String entry) {
    assertThrows(IllegalArgumentException.class, () -> IpAllowList.of(List.of(entry)));
  }
}
