package io.parsevertx.server.deploy;

import static io.parsevertx.server.deploy.Manifests.at;
import static io.parsevertx.server.deploy.Manifests.maps;
import static io.parsevertx.server.deploy.Manifests.str;
import static io.parsevertx.server.deploy.Manifests.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.bus.ServiceRole;
import io.parsevertx.common.options.OptionDef;
import io.parsevertx.common.options.OptionsLoader;
import io.parsevertx.common.options.ParseServerOptions;
import io.parsevertx.server.ParseServerMain;
import io.parsevertx.server.deploy.Manifests.Doc;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

/**
 * deploy/ against the code: every manifest parses; the kustomizations reference files and
 * objects that exist; the image is the one Jib builds; every role, option, env variable, port
 * and probe the manifests use is one the server has; secret options only in the Secret. The
 * probe paths are requested from a running suite in {@link DeployProbesTest}.
 */
class DeployManifestsTest {
  static final List<String> KUSTOMIZATIONS = List.of("base", "overlays/dev", "overlays/prod");

  static Stream<String> kustomizations() {
    return KUSTOMIZATIONS.stream();
  }

  static Path dir(String kustomization) {
    return Manifests.deployDir().resolve(kustomization);
  }

  static List<Doc> base() {
    return Manifests.resources(dir("base"));
  }

  static List<Doc> ofKind(String kind) {
    return base().stream().filter(d -> d.kind().equals(kind)).toList();
  }

  static Doc named(String kind, String name) {
    return base().stream().filter(d -> d.kind().equals(kind) && name.equals(d.name()))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
  }

  static Map<String, Object> container(Doc deployment) {
    List<Map<String, Object>> containers = maps(at(deployment.body(), "spec", "template",
        "spec", "containers"));
    assertEquals(1, containers.size(), deployment + ": one container");
    return containers.get(0);
  }

  static Map<String, Integer> containerPorts(Doc deployment) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    maps(container(deployment).get("ports")).forEach(p -> ports.put((String) p.get("name"),
        (Integer) p.get("containerPort")));
    return ports;
  }

  /** The roles of a Deployment, from its {@code --services} flag. */
  static List<String> roles(Doc deployment) {
    List<String> args = strings(container(deployment).get("args"));
    int flag = args.indexOf("--services");
    assertTrue(flag >= 0 && flag + 1 < args.size(), deployment + ": no --services <roles>");
    return Arrays.stream(args.get(flag + 1).split(",")).map(String::trim).toList();
  }

  static OptionDef optionOfEnv(String env) {
    return ParseServerOptions.all().values().stream().filter(d -> d.env().equals(env))
        .findFirst().orElse(null);
  }

  @Test
  void everyManifestParses() {
    List<Path> files = Manifests.yamlFiles();
    assertTrue(files.size() >= 20, "manifests found: " + files);
    for (Path file : files) {
      List<Map<String, Object>> docs = Manifests.load(file);
      assertFalse(docs.isEmpty(), file + " is empty");
      for (Map<String, Object> doc : docs) {
        assertNotNull(doc.get("apiVersion"), file + ": apiVersion");
        assertNotNull(doc.get("kind"), file + ": kind");
        if (!"Kustomization".equals(doc.get("kind"))) {
          assertNotNull(str(doc, "metadata", "name"), file + ": metadata.name");
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void kustomizationReferencesExistingFilesAndObjects(String kustomization) {
    Path dir = dir(kustomization);
    Map<String, Object> spec = Manifests.kustomization(dir);
    List<Doc> objects = Manifests.resources(dir);
    Set<String> ids = objects.stream().map(d -> d.kind() + "/" + d.name())
        .collect(Collectors.toSet());
    assertEquals(objects.size(), ids.size(), "an object defined twice: " + objects);
    for (Doc patch : Manifests.patchFiles(dir)) {
      assertTrue(ids.contains(patch.kind() + "/" + patch.name()), patch + " patches nothing");
    }
    for (Map<String, Object> patch : maps(spec.get("patches"))) {
      if (patch.get("patch") != null) {
        Doc target = objects.stream().filter(d -> d.kind().equals(str(patch, "target", "kind"))
            && d.name().equals(str(patch, "target", "name"))).findFirst()
            .orElseThrow(() -> new AssertionError(dir + ": no target " + patch.get("target")));
        for (Map<String, Object> op : maps(Manifests.loadString((String) patch.get("patch")))) {
          String[] pointer = ((String) op.get("path")).substring(1).split("/");
          Object parent = at(target.body(), Arrays.copyOf(pointer, pointer.length - 1));
          assertTrue(parent instanceof Map, target + ": no " + op.get("path"));
          if (!"add".equals(op.get("op"))) {
            assertNotNull(at(target.body(), pointer), target + ": no " + op.get("path"));
          }
        }
      }
    }
    for (Map<String, Object> replicas : maps(spec.get("replicas"))) {
      assertTrue(ids.contains("Deployment/" + replicas.get("name")), "replicas of " + replicas);
    }
    for (Map<String, Object> generator : maps(spec.get("secretGenerator"))) {
      assertEquals("replace", generator.get("behavior"), "a generator replaces the base Secret");
      assertTrue(ids.contains("Secret/" + generator.get("name")), "generator " + generator);
      assertEquals(Manifests.secretData(dir("base")).keySet(),
          Manifests.secretData(dir).keySet(), dir + ": the env file holds the Secret's keys");
    }
  }

  @Test
  void imageIsTheOneJibBuilds() throws Exception {
    Path pom = Manifests.repoRoot().resolve("server/pom.xml");
    org.w3c.dom.Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(pom.toFile());
    Element profile = null;
    for (int i = 0; i < xml.getElementsByTagName("profile").getLength(); i++) {
      Element p = (Element) xml.getElementsByTagName("profile").item(i);
      if ("image".equals(text(p, "id"))) {
        profile = p;
      }
    }
    assertNotNull(profile, "server/pom.xml has no profile `image`");
    String image = text(profile, "image.name");
    assertEquals("${image.name}:${project.version}", text(profile, "to"));
    assertEquals(ParseServerMain.class.getName(), text(profile, "mainClass"));
    Set<Integer> exposed = new HashSet<>();
    for (int i = 0; i < profile.getElementsByTagName("port").getLength(); i++) {
      exposed.add(Integer.valueOf(profile.getElementsByTagName("port").item(i).getTextContent()));
    }
    for (Doc deployment : ofKind("Deployment")) {
      assertEquals(image, container(deployment).get("image"), deployment + ": image");
      assertTrue(exposed.containsAll(containerPorts(deployment).values()),
          deployment + ": ports the image exposes " + exposed);
    }
    for (String kustomization : KUSTOMIZATIONS) {
      for (Map<String, Object> entry : maps(Manifests.kustomization(dir(kustomization))
          .get("images"))) {
        assertEquals(image, entry.get("name"), kustomization + ": images[].name");
      }
    }
  }

  private static String text(Element parent, String tag) {
    var nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
  }

  @Test
  void oneDeploymentAndServicePerRealRole() {
    Set<ServiceRole> deployed = EnumSet.noneOf(ServiceRole.class);
    for (Doc deployment : ofKind("Deployment")) {
      List<String> roles = roles(deployment);
      assertEquals(1, roles.size(), deployment + ": one role per Deployment in the base");
      ServiceRole role = ServiceRole.fromFlagName(roles.get(0));
      assertNotNull(role, deployment + ": not a role: " + roles.get(0));
      assertTrue(deployed.add(role), "two Deployments of " + role);
      assertEquals("parse-" + role.flagName(), deployment.name());
      Map<String, Object> podLabels = stringKeys(at(deployment.body(), "spec", "template",
          "metadata", "labels"));
      assertEquals(role.flagName(), podLabels.get("app.kubernetes.io/component"));
      assertTrue(podLabels.entrySet().containsAll(stringKeys(at(deployment.body(), "spec",
          "selector", "matchLabels")).entrySet()), deployment + ": selector");
      Doc service = named("Service", deployment.name());
      assertTrue(podLabels.entrySet().containsAll(stringKeys(at(service.body(), "spec",
          "selector")).entrySet()), service + " selects " + deployment);
      for (Map<String, Object> port : maps(at(service.body(), "spec", "ports"))) {
        assertTrue(containerPorts(deployment).containsKey(port.get("targetPort")),
            service + ": targetPort " + port.get("targetPort"));
      }
      for (String resource : List.of("cpu", "memory")) {
        for (String kind : List.of("requests", "limits")) {
          assertNotNull(at(container(deployment), "resources", kind, resource),
              deployment + ": resources." + kind + "." + resource);
        }
      }
    }
    assertEquals(EnumSet.allOf(ServiceRole.class), deployed);
    for (String overlay : List.of("overlays/dev", "overlays/prod")) {
      for (Doc patch : Manifests.patchFiles(dir(overlay))) {
        if (patch.kind().equals("Deployment")) {
          for (String role : roles(patch)) {
            assertNotNull(ServiceRole.fromFlagName(role), patch + ": not a role: " + role);
          }
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> stringKeys(Object map) {
    return map == null ? Map.of() : (Map<String, Object>) map;
  }

  @Test
  void secretListNamesRealOptions() {
    for (String name : SecretOptions.NAMES) {
      assertNotNull(ParseServerOptions.get(name), "not an option: " + name);
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void everyVariableIsAnOptionAndSecretsOnlyInTheSecret(String kustomization) {
    Path dir = dir(kustomization);
    Map<String, String> config = Manifests.configData(dir);
    Map<String, String> secret = Manifests.secretData(dir);
    for (String env : config.keySet()) {
      OptionDef def = optionOfEnv(env);
      assertNotNull(def, "ConfigMap: " + env + " is no option's variable");
      assertFalse(SecretOptions.NAMES.contains(def.name()), "ConfigMap holds secret " + env);
    }
    for (String env : secret.keySet()) {
      OptionDef def = optionOfEnv(env);
      assertNotNull(def, "Secret: " + env + " is no option's variable");
      assertTrue(SecretOptions.NAMES.contains(def.name()), "Secret holds non-secret " + env
          + " (add it to SecretOptions if it is one)");
      assertFalse(config.containsKey(env), env + " in both the ConfigMap and the Secret");
    }
    for (Doc deployment : Stream.concat(ofKind("Deployment").stream(),
        Manifests.patchFiles(dir).stream().filter(d -> d.kind().equals("Deployment"))).toList()) {
      Map<String, Object> container = container(deployment);
      for (Map<String, Object> env : maps(container.get("env"))) {
        OptionDef def = optionOfEnv((String) env.get("name"));
        assertNotNull(def, deployment + ": " + env.get("name") + " is no option's variable");
        assertFalse(SecretOptions.NAMES.contains(def.name()) && env.containsKey("value"),
            deployment + ": secret " + def.name() + " as a literal value");
      }
      List<String> args = strings(container.get("args"));
      for (String arg : args) {
        if (arg.startsWith("--")) {
          OptionDef def = ParseServerOptions.get(arg.substring(2));
          assertNotNull(def, deployment + ": unknown flag " + arg);
          assertFalse(SecretOptions.NAMES.contains(def.name()), deployment + ": secret " + arg);
        }
      }
      if (deployment.file().startsWith(dir("base"))) {
        Set<String> sources = maps(container.get("envFrom")).stream().map(e -> e.containsKey(
            "configMapRef") ? "cm:" + str(e, "configMapRef", "name")
            : "secret:" + str(e, "secretRef", "name")).collect(Collectors.toSet());
        assertEquals(Set.of("cm:" + Manifests.CONFIG_MAP, "secret:" + Manifests.SECRET),
            sources, deployment + ": envFrom");
      }
    }
    assertTrue(secret.containsKey(ParseServerOptions.get("masterKey").env()), "masterKey");
    assertTrue(secret.containsKey(ParseServerOptions.get("databaseURI").env()), "databaseURI");
  }

  /**
   * Loads the options each role's pod would start with, through the server's own loader
   * (which refuses an invalid value), and checks ports, paths and membership against them.
   */
  @ParameterizedTest
  @MethodSource("kustomizations")
  void podsStartWithValidOptionsMatchingPortsAndPaths(String kustomization) {
    Path dir = dir(kustomization);
    Map<String, String> env = new HashMap<>(Manifests.configData(dir));
    Manifests.secretData(dir).forEach((k, v) -> env.put(k, v.isEmpty() ? "test-" + k : v));
    env.put(ParseServerOptions.get(ParseServerOptions.CLUSTER_HOST).env(), "10.0.0.7");
    for (Doc deployment : ofKind("Deployment")) {
      JsonObject options = OptionsLoader.load(Map.of(ParseServerOptions.SERVICES,
          String.join(",", roles(deployment))), env, null);
      assertTrue(options.getBoolean(ParseServerOptions.CLUSTER), deployment + ": --cluster");
      Map<String, Integer> ports = containerPorts(deployment);
      assertEquals(options.getInteger(ParseServerOptions.CLUSTER_PORT), ports.get("hazelcast"),
          deployment + ": Hazelcast member port");
      if (ports.containsKey("http")) {
        assertEquals(options.getInteger(ParseServerOptions.PORT), ports.get("http"),
            deployment + ": HTTP port");
      }
      Doc cluster = named("Service", "parse-cluster");
      String[] dns = options.getString(ParseServerOptions.CLUSTER_KUBERNETES_SERVICE)
          .split("\\.");
      assertEquals(cluster.name(), dns[0], "clusterKubernetesService names parse-cluster");
      if (dns.length > 1) {
        assertEquals(Manifests.kustomization(dir).get("namespace"), dns[1],
            "clusterKubernetesService in the overlay's namespace");
      }
      assertEquals(null, options.getValue(ParseServerOptions.CLUSTER_MEMBERS));
      assertEquals(ports.get("hazelcast"), maps(at(cluster.body(), "spec", "ports")).get(0)
          .get("port"), "parse-cluster's port is the Hazelcast member port");
      assertEquals(Map.of("app.kubernetes.io/name", "parse-server"),
          at(cluster.body(), "spec", "selector"));
      Map<String, Object> clusterHost = maps(container(deployment).get("env")).stream()
          .filter(e -> ParseServerOptions.get(ParseServerOptions.CLUSTER_HOST).env()
              .equals(e.get("name"))).findFirst().orElseThrow();
      assertEquals("status.podIP", str(clusterHost, "valueFrom", "fieldRef", "fieldPath"));
    }
    JsonObject options = OptionsLoader.load(Map.of(), env, null);
    String mountPath = options.getString(ParseServerOptions.MOUNT_PATH);
    String livePath = options.getJsonObject(ParseServerOptions.LIVE_QUERY_SERVER_OPTIONS,
        new JsonObject()).getString("path", "/");
    List<Doc> ingresses = Stream.concat(ofKind("Ingress").stream(),
        Manifests.patchFiles(dir).stream().filter(d -> d.kind().equals("Ingress"))).toList();
    for (Doc ingress : ingresses) {
      Map<String, String> backends = new LinkedHashMap<>();
      for (Map<String, Object> rule : maps(at(ingress.body(), "spec", "rules"))) {
        for (Map<String, Object> path : maps(at(rule, "http", "paths"))) {
          String service = str(path, "backend", "service", "name");
          backends.put((String) path.get("path"), service);
          String portName = str(path, "backend", "service", "port", "name");
          assertTrue(maps(at(named("Service", service).body(), "spec", "ports")).stream()
              .anyMatch(p -> portName.equals(p.get("name"))), ingress + ": port " + portName);
        }
      }
      assertEquals(Map.of(mountPath, "parse-gateway", livePath, "parse-livequery"), backends,
          ingress + ": REST at mountPath, LiveQuery at liveQueryServerOptions.path");
    }
  }

  @Test
  void scalingDisruptionAndNetworkObjectsTargetRealDeployments() {
    Set<String> scaled = new HashSet<>();
    for (Doc hpa : ofKind("HorizontalPodAutoscaler")) {
      assertEquals("Deployment", str(hpa.body(), "spec", "scaleTargetRef", "kind"));
      scaled.add(named("Deployment", str(hpa.body(), "spec", "scaleTargetRef", "name")).name());
    }
    assertEquals(Set.of("parse-gateway", "parse-livequery"), scaled);
    Set<String> guarded = new HashSet<>();
    for (Doc pdb : ofKind("PodDisruptionBudget")) {
      Object selector = at(pdb.body(), "spec", "selector", "matchLabels");
      ofKind("Deployment").stream().filter(d -> stringKeys(at(d.body(), "spec", "template",
          "metadata", "labels")).entrySet().containsAll(stringKeys(selector).entrySet()))
          .forEach(d -> guarded.add(d.name()));
    }
    assertEquals(ofKind("Deployment").stream().map(Doc::name).collect(Collectors.toSet()),
        guarded, "a PodDisruptionBudget per Deployment");
    Doc edge = named("NetworkPolicy", "parse-edge");
    assertEquals(List.of("gateway", "livequery"), strings(maps(at(edge.body(), "spec",
        "podSelector", "matchExpressions")).get(0).get("values")));
    for (Map<String, Object> rule : maps(at(edge.body(), "spec", "ingress"))) {
      for (Map<String, Object> port : maps(rule.get("ports"))) {
        for (String deployment : List.of("parse-gateway", "parse-livequery")) {
          assertTrue(containerPorts(named("Deployment", deployment)).containsKey(
              port.get("port")), "parse-edge port " + port.get("port"));
        }
      }
    }
    Doc internal = named("NetworkPolicy", "parse-internal");
    assertEquals(Map.of("app.kubernetes.io/name", "parse-server"),
        at(internal.body(), "spec", "podSelector", "matchLabels"));
    for (Doc external : List.of(named("Service", "parse-mongodb"),
        named("Service", "parse-redis"))) {
      assertEquals("ExternalName", str(external.body(), "spec", "type"));
    }
  }

  /**
   * Every role answers health on its HTTP port (the gateway and a process without it alike,
   * {@link DeployProbesTest} sends the probes); readiness is the code's health check, and no
   * liveness probe restarts pods for what their health reports about other processes or the
   * database (the gateway's /health waits for every backend; data's and auth's ping storage).
   */
  @Test
  void probesOnTheHttpPortWithReadinessOnTheHealthCheck() {
    for (Doc deployment : ofKind("Deployment")) {
      Map<String, Object> container = container(deployment);
      ServiceRole role = ServiceRole.fromFlagName(roles(deployment).get(0));
      for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
        Object spec = container.get(probe);
        assertNotNull(spec, deployment + ": " + probe);
        boolean http = at(spec, "httpGet") != null;
        assertEquals("http", http ? at(spec, "httpGet", "port") : at(spec, "tcpSocket", "port"),
            deployment + ": " + probe + " on the HTTP port");
        if (probe.equals("readinessProbe")) {
          assertTrue(http, deployment + ": readiness asks the health endpoint");
        } else if (role != ServiceRole.LIVEQUERY) {
          // note: LiveQuery's own server answers /health without asking anyone
          assertFalse(http, deployment + ": " + probe + " would restart pods on a dependency");
        }
      }
    }
    assertTrue(Files.isRegularFile(Manifests.deployDir().resolve("README.md")));
  }
}
