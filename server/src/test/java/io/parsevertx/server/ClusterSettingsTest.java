package io.parsevertx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.JoinConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How processes find each other: listed members, or a Kubernetes headless Service. */
class ClusterSettingsTest {

  @Test
  void listedMembersOverTcpIp() {
    JoinConfig join = ClusterSettings.hazelcast(new JsonObject().put("clusterMembers",
        new JsonArray().add("10.0.0.1:5701").add("10.0.0.2:5701"))).getNetworkConfig()
        .getJoin();
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(List.of("10.0.0.1:5701", "10.0.0.2:5701"), join.getTcpIpConfig()
        .getMembers());
    assertFalse(join.getKubernetesConfig().isEnabled());
    assertFalse(join.getMulticastConfig().isEnabled());
  }

  @Test
  void podsOfAKubernetesServiceThroughItsDns() {
    JoinConfig join = ClusterSettings.hazelcast(new JsonObject().put(
        "clusterKubernetesService", "parse-cluster.parse.svc.cluster.local"))
        .getNetworkConfig().getJoin();
    assertTrue(join.getKubernetesConfig().isEnabled());
    assertEquals("parse-cluster.parse.svc.cluster.local", join.getKubernetesConfig()
        .getProperty("service-dns"));
    assertFalse(join.getTcpIpConfig().isEnabled());
    assertFalse(join.getMulticastConfig().isEnabled());
  }
}
