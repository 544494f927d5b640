package io.parsevertx.common.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code push} option: Parse Server's shapes accepted, each mistake named in one line. */
class PushOptionsTest {
  private static String file;

  @BeforeAll
  static void aFile() throws IOException {
    Path temp = Files.createTempFile("cert", ".p12");
    temp.toFile().deleteOnExit();
    file = temp.toString();
  }

  private static PushOptions parse(String push) {
    return PushOptions.from(new JsonObject().put("push", new JsonObject(push.replace("FILE",
        file))));
  }

  @Test
  void parseServersShapesAreAccepted() {
    PushOptions options = parse("{\"ios\":[{\"pfx\":\"FILE\",\"passphrase\":\"p\","
        + "\"bundleId\":\"a.b\",\"production\":false},{\"token\":{\"key\":\"FILE\","
        + "\"keyId\":\"K\",\"teamId\":\"T\"},\"topic\":\"a.c\",\"production\":true}],"
        + "\"tvos\":{\"cert\":\"FILE\",\"key\":\"FILE\",\"bundleId\":\"a.tv\"}}");
    assertEquals(3, options.apns().size());
    assertEquals("ios[1]", options.apns().get(1).name());
    assertEquals("a.tv", options.apns().get(2).topic());
    assertEquals("com.x.Adapter", parse("{\"adapter\":\"com.x.Adapter\"}").adapterModule());
    assertEquals(false, PushOptions.from(new JsonObject()).enabled());
    assertEquals(new PushOptions.QueueOptions(50, 30),
        parse("{\"queueOptions\":{\"batchSize\":50}}").queue());
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("{\"iphone\":{}}", "unknown key iphone"),
        Arguments.of("{\"ios\":{\"bundleId\":\"a\"}}", "ios needs exactly one of pfx"),
        Arguments.of("{\"ios\":[{\"pfx\":\"/no/such.p12\",\"bundleId\":\"a\"}]}",
            "ios[0].pfx: no readable file"),
        Arguments.of("{\"ios\":{\"pfx\":\"FILE\"}}", "ios needs topic or bundleId"),
        Arguments.of("{\"osx\":{\"cert\":\"FILE\",\"bundleId\":\"a\"}}", "osx needs both"),
        Arguments.of("{\"ios\":{\"token\":{\"key\":\"FILE\"},\"topic\":\"a\"}}",
            "ios.token needs key, keyId and teamId"),
        Arguments.of("{\"ios\":{\"pfx\":\"FILE\",\"topic\":\"a\",\"production\":\"yes\"}}",
            "ios.production must be true or false"),
        Arguments.of("{\"ios\":{\"pfx\":\"FILE\",\"topic\":\"a\",\"gateway\":1}}",
            "ios.gateway is not an APNs option"),
        Arguments.of("{\"android\":{\"apiKey\":\"k\"}}", "legacy API"),
        Arguments.of("{\"android\":{\"firebaseServiceAccount\":{\"project_id\":\"p\"}}}",
            "has no client_email"),
        Arguments.of("{\"adapter\":3}", "adapter must be a class name"),
        Arguments.of("{\"queueOptions\":{\"batchSize\":0}}",
            "queueOptions.batchSize must be a whole number above 0"),
        Arguments.of("{\"queueOptions\":{\"messageTopic\":\"t\"}}",
            "queueOptions.messageTopic is not a queue option"));
  }

  @ParameterizedTest
  @MethodSource("mistakes")
  void eachMistakeIsNamed(String push, String expected) {
    OptionsException e = assertThrows(OptionsException.class, () -> parse(push));
    assertTrue(e.getMessage().startsWith("Invalid option --push: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
