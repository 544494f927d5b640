package io.parsevertx.common.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OptionsLoaderTest {
  private static final Map<String, String> KEYS = Map.of("appId", "app", "masterKey", "mk");

  private static Map<String, String> flags(String... pairs) {
    Map<String, String> map = new HashMap<>(KEYS);
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Test
  void defaultsMirrorParseServer() {
    JsonObject options = OptionsLoader.load(flags(), Map.of(), null);
    assertEquals(1337L, options.getValue("port"));
    assertEquals("/parse", options.getString("mountPath"));
    assertEquals("20mb", options.getString("maxUploadSize"));
    assertEquals(null, options.getValue("databaseURI"));
  }

  @Test
  void flagsBeatEnvironmentWhichBeatsTheConfigFile() {
    JsonObject file = new JsonObject().put("appId", "fromFile").put("masterKey", "mk")
        .put("port", 1000).put("mountPath", "/file");
    Map<String, String> env = Map.of("PARSE_SERVER_APPLICATION_ID", "fromEnv", "PORT", "2000");
    JsonObject options = OptionsLoader.load(Map.of("port", "3000"), env, file);
    assertEquals("fromEnv", options.getString("appId"));
    assertEquals(3000L, options.getValue("port"));
    assertEquals("/file", options.getString("mountPath"));
  }

  @Test
  void jsonValuedFlagsAndEnvironment() {
    JsonObject options = OptionsLoader.load(flags("liveQuery", "{\"classNames\":[\"A\"]}",
        "allowOrigin", "https://a.com,https://b.com"),
        Map.of("PARSE_SERVER_PUSH", "{\"adapter\":\"com.example.Adapter\"}"), null);
    assertEquals(new JsonArray().add("A"),
        options.getJsonObject("liveQuery").getJsonArray("classNames"));
    assertEquals(new JsonArray().add("https://a.com").add("https://b.com"),
        options.getJsonArray("allowOrigin"));
    assertTrue(options.getJsonObject("push").containsKey("adapter"));
  }

  static Stream<Arguments> wrong() {
    return Stream.of(
        Arguments.of(flags("port", "abc"), Map.of(), null, "Invalid option --port: must be a number"),
        Arguments.of(flags("port", "70000"), Map.of(), null, "Invalid option --port"),
        Arguments.of(flags("nope", "1"), Map.of(), null, "Unknown option: nope"),
        Arguments.of(flags("liveQuery", "{oops"), Map.of(), null, "Invalid option --liveQuery"),
        Arguments.of(flags(), Map.of("PORT", "x"), null, "Invalid environment variable PORT"),
        Arguments.of(flags(), Map.of(), new JsonObject().put("bogus", 1),
            "Unknown config file key: bogus"),
        Arguments.of(flags(), Map.of(), new JsonObject().put("port", "x"),
            "Invalid config file key port"),
        Arguments.of(flags("mountPath", "parse"), Map.of(), null, "Invalid option --mountPath"),
        Arguments.of(flags("maxUploadSize", "lots"), Map.of(), null,
            "Invalid option --maxUploadSize"),
        Arguments.of(flags("serverURL", "localhost:1337"), Map.of(), null,
            "Invalid option --serverURL"),
        Arguments.of(flags("databaseURI", "mysql://x"), Map.of(), null,
            "Invalid option --databaseURI"),
        Arguments.of(flags("services", "gateway,web"), Map.of(), null,
            "Invalid option --services: unknown service web"),
        Arguments.of(flags("logLevel", "loud"), Map.of(), null, "Invalid option --logLevel"),
        Arguments.of(flags("cloud", "/no/such/main.js"), Map.of(), null,
            "Invalid option --cloud: no readable file /no/such/main.js"),
        Arguments.of(flags("cloudContexts", "1"), Map.of(), null,
            "Invalid option --cloudContexts: must be at least 2"),
        Arguments.of(flags("cloudTimeout", "0"), Map.of(), null,
            "Invalid option --cloudTimeout"),
        Arguments.of(Map.of("appId", "a"), Map.of(), null, "Missing option --masterKey"));
  }

  @ParameterizedTest
  @MethodSource("wrong")
  void namesTheWrongOption(Map<String, String> flags, Map<String, String> env, JsonObject file,
      String message) {
    OptionsException e = assertThrows(OptionsException.class,
        () -> OptionsLoader.load(flags, env, file));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }
}
