package io.parsevertx.server;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.parsevertx.common.options.ParseServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Hazelcast settings for a clustered event bus: TCP-IP members from {@code --clusterMembers},
 * or in Kubernetes the pods behind {@code --clusterKubernetesService} (multicast and
 * auto-detection off, so processes find only the members they are told of).
 */
final class ClusterSettings {

  private ClusterSettings() {}

  static Config hazelcast(JsonObject options) {
    Config config = ConfigUtil.loadConfig();
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.getNetworkConfig()
        .setPort(options.getNumber(ParseServerOptions.CLUSTER_PORT, 5701).intValue())
        .setPortAutoIncrement(true);
    String host = options.getString(ParseServerOptions.CLUSTER_HOST);
    if (host != null) {
      config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(host);
      config.setProperty("hazelcast.local.localAddress", host);
    }
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    String kubernetesService = options.getString(
        ParseServerOptions.CLUSTER_KUBERNETES_SERVICE);
    if (kubernetesService != null && !kubernetesService.isBlank()) {
      // note: members come and go with their pods: each finds the others through the
      // headless Service's DNS records (Hazelcast's Kubernetes discovery, DNS lookup mode)
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", kubernetesService);
      return config;
    }
    List<String> members = new ArrayList<>();
    JsonArray given = options.getJsonArray(ParseServerOptions.CLUSTER_MEMBERS, new JsonArray());
    given.forEach(m -> members.add(m.toString()));
    join.getTcpIpConfig().setEnabled(true)
        .setMembers(members.isEmpty() ? List.of(host == null ? "127.0.0.1" : host) : members);
    return config;
  }
}
