package io.parsevertx.server.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * deploy/ read as kustomize would read it, without kustomize: the YAML documents of a
 * kustomization's {@code resources} (directories recursively), its patch files, and the
 * ConfigMap and Secret an overlay ends up with. Only what deploy/ uses is resolved: file
 * references, strategic-merge patches of ConfigMap/Secret {@code data}, and a
 * {@code secretGenerator} that replaces the Secret from an env file.
 */
final class Manifests {
  static final String CONFIG_MAP = "parse-server-config";
  static final String SECRET = "parse-server-secrets";

  /** One YAML document and the file it came from. */
  record Doc(Path file, Map<String, Object> body) {
    String kind() {
      return (String) body.get("kind");
    }

    String name() {
      return str(body, "metadata", "name");
    }

    @Override
    public String toString() {
      return kind() + "/" + name() + " (" + file.getFileName() + ")";
    }
  }

  private Manifests() {}

  /** The repository's deploy/ directory (tests run in server/). */
  static Path deployDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("deploy/base/kustomization.yaml"))) {
        return dir.resolve("deploy");
      }
    }
    return fail("no deploy/base/kustomization.yaml above " + Path.of("").toAbsolutePath());
  }

  static Path repoRoot() {
    return deployDir().getParent();
  }

  /** Every .yaml/.yml file under deploy/. */
  static List<Path> yamlFiles() {
    try (Stream<Path> files = Files.walk(deployDir())) {
      return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> load(Path file) {
    List<Map<String, Object>> docs = new ArrayList<>();
    Load yaml = new Load(LoadSettings.builder().setLabel(file.toString()).build());
    for (Object doc : yaml.loadAllFromString(read(file))) {
      if (doc != null) {
        assertTrue(doc instanceof Map, file + ": a document that is not a mapping");
        docs.add((Map<String, Object>) doc);
      }
    }
    return docs;
  }

  /** An inline patch (a YAML list of JSON-patch operations). */
  static Object loadString(String yaml) {
    return new Load(LoadSettings.builder().build()).loadFromString(yaml);
  }

  static Map<String, Object> kustomization(Path dir) {
    Path file = dir.resolve("kustomization.yaml");
    assertTrue(Files.isRegularFile(file), "no kustomization.yaml in " + dir);
    return load(file).get(0);
  }

  /** The objects of a kustomization's {@code resources}, bases included, before patches. */
  static List<Doc> resources(Path dir) {
    List<Doc> docs = new ArrayList<>();
    for (String resource : strings(kustomization(dir).get("resources"))) {
      Path target = dir.resolve(resource).normalize();
      if (Files.isDirectory(target)) {
        docs.addAll(resources(target));
      } else {
        assertTrue(Files.isRegularFile(target), dir + ": resource " + resource + " is missing");
        load(target).forEach(body -> docs.add(new Doc(target, body)));
      }
    }
    return docs;
  }

  /** The documents of the patch files a kustomization names ({@code patches[].path}). */
  static List<Doc> patchFiles(Path dir) {
    List<Doc> docs = new ArrayList<>();
    for (Map<String, Object> patch : maps(kustomization(dir).get("patches"))) {
      if (patch.get("path") != null) {
        Path file = dir.resolve((String) patch.get("path")).normalize();
        assertTrue(Files.isRegularFile(file), dir + ": patch " + file + " is missing");
        load(file).forEach(body -> docs.add(new Doc(file, body)));
      }
    }
    return docs;
  }

  /** The ConfigMap's data as the overlay (or base) at {@code dir} ends up with it. */
  static Map<String, String> configData(Path dir) {
    Map<String, String> data = new LinkedHashMap<>();
    for (Doc doc : resources(dir)) {
      if (doc.kind().equals("ConfigMap") && CONFIG_MAP.equals(doc.name())) {
        data.putAll(stringMap(doc.body().get("data")));
      }
    }
    for (Doc doc : patchFiles(dir)) {
      if (doc.kind().equals("ConfigMap") && CONFIG_MAP.equals(doc.name())) {
        data.putAll(stringMap(doc.body().get("data")));
      }
    }
    return data;
  }

  /**
   * The Secret's keys and values as the overlay at {@code dir} ends up with them: the base's,
   * or those of the env file a {@code secretGenerator} replaces it with ({@code secrets.env},
   * else the committed {@code secrets.env.example}).
   */
  static Map<String, String> secretData(Path dir) {
    for (Map<String, Object> generator : maps(kustomization(dir).get("secretGenerator"))) {
      if (SECRET.equals(generator.get("name"))) {
        Map<String, String> data = new LinkedHashMap<>();
        for (String env : strings(generator.get("envs"))) {
          Path file = dir.resolve(env);
          Path example = dir.resolve(env + ".example");
          data.putAll(envFile(Files.exists(file) ? file : example));
        }
        return data;
      }
    }
    Map<String, String> data = new LinkedHashMap<>();
    for (Doc doc : resources(dir)) {
      if (doc.kind().equals("Secret") && SECRET.equals(doc.name())) {
        stringMap(doc.body().get("data")).forEach((k, v) -> data.put(k,
            new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        data.putAll(stringMap(doc.body().get("stringData")));
      }
    }
    for (Doc doc : patchFiles(dir)) {
      if (doc.kind().equals("Secret") && SECRET.equals(doc.name())) {
        data.putAll(stringMap(doc.body().get("stringData")));
      }
    }
    return data;
  }

  static Map<String, String> envFile(Path file) {
    Map<String, String> data = new LinkedHashMap<>();
    for (String line : read(file).split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        int eq = trimmed.indexOf('=');
        assertTrue(eq > 0, file + ": not KEY=value: " + line);
        data.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
      }
    }
    return data;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value at a path of mapping keys, or null. */
  @SuppressWarnings("unchecked")
  static Object at(Object node, String... path) {
    Object current = node;
    for (String key : path) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<String, Object>) current).get(key);
    }
    return current;
  }

  static String str(Object node, String... path) {
    Object value = at(node, path);
    return value == null ? null : value.toString();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Object list) {
    return list == null ? List.of() : (List<Map<String, Object>>) list;
  }

  @SuppressWarnings("unchecked")
  static List<String> strings(Object list) {
    return list == null ? List.of() : ((List<Object>) list).stream().map(String::valueOf)
        .toList();
  }

  /** A ConfigMap/Secret data map; values must be strings, as Kubernetes requires. */
  @SuppressWarnings("unchecked")
  static Map<String, String> stringMap(Object map) {
    Map<String, String> out = new LinkedHashMap<>();
    if (map != null) {
      ((Map<String, Object>) map).forEach((k, v) -> {
        assertTrue(v instanceof String, "data value of " + k + " is not a string: " + v);
        out.put(k, (String) v);
      });
    }
    return out;
  }
}
