package io.parsevertx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.options.OptionsException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line: parse-server's flags, JSON-valued flags, and refusals that name the flag. */
class LauncherTest {

  @Test
  void flagsMirrorTheParseServerCli() {
    var parsed = CommandLineOptions.parse("--appId", "a", "--masterKey=m", "--port", "1400",
        "--liveQuery", "{\"classNames\":[\"A\"]}", "--cluster", "config.json");
    assertEquals(Map.of("appId", "a", "masterKey", "m", "port", "1400",
        "liveQuery", "{\"classNames\":[\"A\"]}", "cluster", "true"), parsed.flags());
    assertEquals("config.json", parsed.configFile());
  }

  @Test
  void unknownFlagIsNamed() {
    OptionsException e = assertThrows(OptionsException.class,
        () -> CommandLineOptions.parse("--appId", "a", "--colour", "red"));
    assertTrue(e.getMessage().contains("--colour"), e.getMessage());
  }

  @Test
  void helpListsEveryOptionWithItsVariable() {
    String usage = CommandLineOptions.parse("--help").usage();
    assertTrue(usage.contains("--databaseURI"));
    assertTrue(usage.contains("PARSE_SERVER_DATABASE_URI"));
  }

  static Stream<Arguments> badStarts() {
    return Stream.of(
        Arguments.of(new String[] {"--appId", "a", "--masterKey", "m", "--port", "http"},
            Map.of(), "--port"),
        Arguments.of(new String[] {"--appId", "a", "--masterKey", "m", "--bogus", "1"}, Map.of(),
            "--bogus"),
        Arguments.of(new String[] {"--masterKey", "m"}, Map.of(), "--appId"),
        Arguments.of(new String[] {}, Map.of("PARSE_SERVER_APPLICATION_ID", "a",
            "PARSE_SERVER_MASTER_KEY", "m", "PARSE_SERVER_MAX_LIMIT", "lots"),
            "PARSE_SERVER_MAX_LIMIT"),
        Arguments.of(new String[] {"missing-config.json"}, Map.of(), "missing-config.json"),
        Arguments.of(new String[] {"--appId", "a", "--masterKey", "m", "--accountLockout",
            "{\"duration\":0,\"threshold\":3}"}, Map.of(), "--accountLockout"),
        Arguments.of(new String[] {"--appId", "a", "--masterKey", "m", "--auth",
            "{\"mfa\":{\"enabled\":true,\"options\":[\"SMS\"]}}"}, Map.of(), "mfa.sms.url"),
        Arguments.of(new String[] {"--appId", "a", "--masterKey", "m", "--auth",
            "{\"mfa\":{\"enabled\":true,\"encryptionKey\":\"short\"}}"}, Map.of(),
            "mfa.encryptionKey"),
        Arguments.of(new String[] {"--appId", "a", "--masterKey", "m", "--auth",
            "{\"webauthn\":{\"rpId\":\"app.example.com\"}}"}, Map.of(), "webauthn needs origin"),
        Arguments.of(new String[] {"--appId", "a", "--masterKey", "m", "--databaseURI",
            "postgres://u@localhost/db", "--databaseOptions", "{\"max\":0}"}, Map.of(),
            "--databaseOptions: max"),
        Arguments.of(new String[] {"--appId", "a", "--masterKey", "m", "--filesAdapter",
            "{\"module\":\"@parse/s3-files-adapter\",\"options\":{\"region\":\"eu-west-1\"}}"},
            Map.of(), "--filesAdapter: s3 needs options.bucket"),
        Arguments.of(new String[] {"--appId", "a", "--masterKey", "m", "--filesAdapter",
            "com.example.NoSuchFilesAdapter"}, Map.of(),
            "--filesAdapter: unknown adapter com.example.NoSuchFilesAdapter"),
        Arguments.of(new String[] {"--appId", "a", "--masterKey", "m", "--filesAdapter",
            "{\"module\":\"@parse/fs-files-adapter\",\"options\":{\"filesSubDirectory\":"
            + "\"../etc\"}}"}, Map.of(), "--filesAdapter: filesSubDirectory must be a relative"),
        Arguments.of(new String[] {"--appId", "a", "--masterKey", "m", "--rateLimit",
            "{\"requestPath\":\"/classes/*\",\"requestTimeWindow\":1000,\"requestCount\":5,"
            + "\"zone\":\"planet\"}"}, Map.of(), "--rateLimit: zone must be ip, global, session"),
        Arguments.of(new String[] {"--appId", "a", "--masterKey", "m", "--trustProxy",
            "loopback,not-an-ip"}, Map.of(), "--trustProxy: not an IP address: not-an-ip"),
        Arguments.of(new String[] {"--appId", "a", "--masterKey", "m", "--ssl",
            "{\"key\":\"/nonexistent/key.pem\",\"cert\":\"/nonexistent/cert.pem\"}"},
            Map.of(), "--ssl: key file /nonexistent/key.pem cannot be read"));
  }

  @ParameterizedTest
  @MethodSource("badStarts")
  void wrongOptionsExitNonZeroWithOneLine(String[] args, Map<String, String> env, String named,
      @TempDir Path dir) throws Exception {
    try (ServerProcess process = ServerProcess.start(dir, env, args)) {
      assertEquals(1, process.waitFor(60));
      String output = process.output().strip();
      assertEquals(1, output.lines().count(), output);
      assertTrue(output.contains(named), output);
    }
  }
}
