package io.parsevertx.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parsevertx.common.options.OptionsException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

  private static TrustedProxies of(String... entries) {
    return TrustedProxies.from(new JsonObject().put("trustProxy", new JsonArray(
        java.util.List.of((Object[]) entries))));
  }

  @Test
  void theHeaderIsIgnoredUnlessThePeerIsTrusted() {
    assertEquals("127.0.0.1", of().clientAddress("127.0.0.1", "203.0.113.9"));
    assertEquals("198.51.100.7", of("10.0.0.0/8").clientAddress("198.51.100.7",
        "203.0.113.9"));
  }

  @Test
  void theClientIsTheLastUntrustedHop() {
    TrustedProxies proxies = of("loopback", "10.0.0.0/8");
    assertEquals("203.0.113.9", proxies.clientAddress("127.0.0.1", "203.0.113.9"));
    // a client writing its own header cannot pick the address: the proxy appends the real one
    assertEquals("198.51.100.7", proxies.clientAddress("127.0.0.1",
        "1.2.3.4, 198.51.100.7, 10.1.2.3"));
    // every hop a proxy: the furthest one is all there is to go by
    assertEquals("10.9.9.9", proxies.clientAddress("127.0.0.1", "10.9.9.9, 10.1.2.3"));
  }

  @Test
  void aWrongEntryIsRefusedAtStart() {
    assertThrows(OptionsException.class, () -> of("not-an-address"));
  }
}
