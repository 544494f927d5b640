package io.parsevertx.bench;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;

/** One kind of request that a {@link LoadLoop} repeats; called on one event-loop thread only. */
public interface Scenario {
  /** The name used on the command line and in the report, e.g. {@code query}. */
  String name();

  /**
   * Sends the next request.
   *
   * @return the answer, of any status; fails only when no answer came
   */
  Future<HttpResponse<Buffer>> send();

  /**
   * Sends one request before measuring and checks that the answer has the expected shape, so that
   * fast wrong answers cannot pass for throughput.
   *
   * @return a note for the report when something is off, or null when all is well
   */
  Future<String> check();
}
