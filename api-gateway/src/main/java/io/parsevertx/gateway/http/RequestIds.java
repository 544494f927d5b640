package io.parsevertx.gateway.http;

import io.parsevertx.common.ParseHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request an id (a proxy's {@code X-Request-Id} when it looks sane), echoes it on the
 * response and writes one access-log line when the response ends.
 */
final class RequestIds {
  private static final Logger LOG = LoggerFactory.getLogger("access");
  private static final String KEY = "requestId";
  private static final Pattern SANE = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

  private RequestIds() {}

  static String of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  static void handle(RoutingContext ctx) {
    if (ctx.get(KEY) == null) { // note: a _method reroute passes here twice
      String given = ctx.request().getHeader(ParseHeaders.REQUEST_ID);
      String id = given != null && SANE.matcher(given).matches() ? given
          : UUID.randomUUID().toString();
      ctx.put(KEY, id);
      ctx.response().putHeader(ParseHeaders.REQUEST_ID, id);
      long start = System.nanoTime();
      String method = ctx.request().method().name();
      String path = ctx.request().path();
      ctx.addEndHandler(done -> LOG.info(
          "event=request requestId={} method={} path={} status={} ms={}", id, method, path,
          ctx.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000));
    }
    ctx.next();
  }
}
