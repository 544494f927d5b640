package io.parsevertx.gateway.http;

import io.parsevertx.common.error.UnauthorizedException;
import io.parsevertx.gateway.GatewayConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** The application-id, master-key and client-key rules of Parse Server, in constant time. */
final class KeyCheck {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KeyCheck.class);
  private final GatewayConfig config;

  KeyCheck(GatewayConfig config) {
    this.config = config;
  }

  /** @throws UnauthorizedException when the application id is missing or wrong */
  void requireAppId(String appId) {
    if (!matches(appId, config.appId())) {
      throw new UnauthorizedException();
    }
  }

  /** What a given master key grants. */
  enum MasterLevel { NONE, MASTER, READ_ONLY }

  /**
   * A wrong master key grants nothing and is not itself an error; the right one from an address
   * outside {@code masterKeyIps} is refused with 403.
   */
  MasterLevel masterLevel(String masterKey, String clientIp) {
    if (matches(masterKey, config.masterKey())) {
      if (!config.masterKeyIps().allows(clientIp)) {
        LOG.error("event=master_key_rejected ip={} reason=not_in_masterKeyIps", clientIp);
        throw new UnauthorizedException();
      }
      return MasterLevel.MASTER;
    }
    return matches(masterKey, config.readOnlyMasterKey()) ? MasterLevel.READ_ONLY
        : MasterLevel.NONE;
  }

  /**
   * When any client key is configured, a non-master request must carry one that matches.
   *
   * @param given the keys the request carried, by option name
   * @throws UnauthorizedException when none matches
   */
  void requireClientKey(Map<String, String> given) {
    if (config.clientKeys().isEmpty()) {
      return;
    }
    boolean matched = false;
    for (Map.Entry<String, String> configured : config.clientKeys().entrySet()) {
      matched |= matches(given.get(configured.getKey()), configured.getValue());
    }
    if (!matched) {
      throw new UnauthorizedException();
    }
  }

  private static boolean matches(String given, String expected) {
    return given != null && expected != null && MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
