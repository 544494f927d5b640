package io.parsevertx.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parsevertx.common.options.OptionsLoader;
import io.parsevertx.testing.TestServers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code metricsPort}: Prometheus text on its own port, with Vert.x's HTTP metrics by route and
 * status and the suite's own: event-bus round trips by address, rate-limit refusals, LiveQuery
 * clients, subscriptions and lag.
 */
class MetricsTest {
  private static final String APP = "metrics-app";

  @Test
  void prometheusSeesRequestsBusRateLimitsAndLiveQuery() {
    Map<String, String> flags = new HashMap<>(Map.of("appId", APP, "masterKey", "metrics-mk",
        "port", "0", "metricsPort", "0", "databaseURI", TestServers.mongoUri(),
        "allowClientClassCreation", "true", "liveQuery", "{\"classNames\":[\"Message\"]}",
        "rateLimit", new JsonArray().add(new JsonObject().put("requestPath",
            "/classes/Throttled").put("requestTimeWindow", 60_000).put("requestCount", 0))
            .encode()));
    SuiteLauncher.RunningSuite suite = SuiteLauncher.start(OptionsLoader.load(flags, Map.of(),
        null)).await();
    try (LiveSocket socket = new LiveSocket(suite.vertx(), suite.gatewayPort(), "/")) {
      WebClient client = WebClient.create(suite.vertx());
      socket.send(new JsonObject().put("op", "connect").put("applicationId", APP));
      socket.next("connected");
      socket.send(new JsonObject().put("op", "subscribe").put("requestId", 1).put("query",
          new JsonObject().put("className", "Message").put("where", new JsonObject())));
      socket.next("subscribed");
      assertEquals(201, client.post(suite.gatewayPort(), "localhost", "/parse/classes/Message")
          .putHeader("X-Parse-Application-Id", APP)
          .sendJsonObject(new JsonObject().put("text", "counted")).await().statusCode());
      socket.next("create");
      assertEquals(429, client.get(suite.gatewayPort(), "localhost", "/parse/classes/Throttled")
          .putHeader("X-Parse-Application-Id", APP).send().await().statusCode());

      HttpResponse<Buffer> scraped = client.get(suite.metricsPort(), "localhost", "/metrics")
          .send().await();
      assertEquals(200, scraped.statusCode());
      String text = scraped.bodyAsString();
      assertTrue(Pattern.compile("vertx_http_server_requests_total\\{[^}]*code=\"201\"[^}]*"
          + "route=\"/parse/classes/:className\"").matcher(text).find()
          || Pattern.compile("vertx_http_server_requests_total\\{[^}]*route=\"[^\"]*classes[^\"]*\""
          + "[^}]*\\}").matcher(text).find(), () -> lines(text, "vertx_http_server_requests"));
      assertTrue(text.contains("parse_eventbus_request_seconds_count{address=\"parse.data."),
          () -> lines(text, "parse_eventbus"));
      assertTrue(Pattern.compile("parse_ratelimit_refusals_total\\{path=\"/classes/Throttled\","
          + "zone=\"ip\"} 1.0").matcher(text).find(), () -> lines(text, "parse_ratelimit"));
      assertEquals(1.0, value(text, "parse_livequery_subscriptions"), 0.0);
      assertEquals(1.0, value(text, "parse_livequery_clients"), 0.0);
      assertEquals(1.0, value(text, "parse_livequery_lag_seconds_count"), 0.0);
    } finally {
      suite.close();
    }
  }

  private static double value(String text, String metric) {
    Matcher matcher = Pattern.compile("(?m)^" + metric + "(\\{[^}]*})? ([0-9.eE+-]+)$")
        .matcher(text);
    assertTrue(matcher.find(), () -> lines(text, metric));
    return Double.parseDouble(matcher.group(2));
  }

  private static String lines(String text, String prefix) {
    return text.lines().filter(line -> line.contains(prefix)).reduce("", (a, b) -> a + b + "\n");
  }
}
