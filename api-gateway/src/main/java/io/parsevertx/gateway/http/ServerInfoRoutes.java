package io.parsevertx.gateway.http;

import io.parsevertx.common.logs.RecentLogs;
import io.parsevertx.gateway.ServerInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * What the server is and what it logged, answered by the gateway itself (master key, the
 * read-only one too). {@code /scriptlog} serves the last events of this gateway's own process
 * ({@link RecentLogs}): with several processes, each gateway answers with its own.
 *
 * <pre>
 * GET /serverInfo  curl -H "X-Parse-Application-Id: APP" -H "X-Parse-Master-Key: MK" URL/serverInfo
 * GET /scriptlog   curl -G -H ... -d level=error -d n=100 -d order=asc -d from=2026-01-01T00:00:00Z URL/scriptlog
 * </pre>
 */
final class ServerInfoRoutes {
  private static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
  private static final int DEFAULT_SIZE = 10;
  private static final String MASK = "********";

  private final ServerInfo info;
  private final RecentLogs logs;
  private final List<String> secrets;

  /** {@code secrets}: the keys masked out of every log message served (defense in depth). */
  ServerInfoRoutes(ServerInfo info, RecentLogs logs, List<String> secrets) {
    this.info = info;
    this.logs = logs;
    this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> !s.isEmpty()).toList();
  }

  void mount(Router router) {
    router.get("/serverInfo").handler(this::handleServerInfo);
    router.get("/scriptlog").handler(this::handleLogs);
  }

  private void handleServerInfo(RoutingContext ctx) {
    ParseRequest.of(ctx).requireMaster();
    Responses.json(ctx, new JsonObject().put("features", info.features())
        .put("parseServerVersion", info.parseServerVersion()));
  }

  /** Parse Server's parameters: level (info), size or n (10), from (a week ago), until, order. */
  private void handleLogs(RoutingContext ctx) {
    JsonObject params = ParseRequest.of(ctx).requireMaster().toService(null, null).params();
    Instant now = Instant.now();
    Object size = params.getValue("n", params.getValue("size"));
    RecentLogs.Query query = new RecentLogs.Query(params.getString("level", "info"),
        instant(params.getValue("from"), now.minus(DEFAULT_WINDOW)),
        instant(params.getValue("until"), now), number(size, DEFAULT_SIZE),
        !"asc".equalsIgnoreCase(String.valueOf(params.getValue("order", "desc"))));
    JsonArray entries = new JsonArray();
    for (RecentLogs.LogEntry entry : logs.find(query)) {
      entries.add(new JsonObject().put("message", masked(entry.message()))
          .put("level", entry.level()).put("timestamp", entry.timestamp().toString()));
    }
    Responses.jsonArray(ctx, entries);
  }

  private String masked(String message) {
    String text = message;
    for (String secret : secrets) {
      text = text.replace(secret, MASK);
    }
    return text;
  }

  /** An ISO date or epoch milliseconds; anything else means the default, as in Parse Server. */
  private static Instant instant(Object value, Instant fallback) {
    if (value == null) {
      return fallback;
    }
    String text = value.toString().trim();
    try {
      return text.matches("\\d+") ? Instant.ofEpochMilli(Long.parseLong(text))
          : java.time.OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException | NumberFormatException e) {
      try {
        return java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        return fallback;
      }
    }
  }

  private static int number(Object value, int fallback) {
    try {
      int n = value == null ? fallback : (int) Double.parseDouble(value.toString());
      return n > 0 ? n : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
