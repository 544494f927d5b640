package io.parsevertx.bench;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;

/**
 * A closed loop: {@code concurrency} workers each send a request, wait for its answer and send the
 * next, until the limit is reached; then the answers still in flight are awaited. Everything runs
 * on one Vert.x context, so the counters and the histogram need no locks. The loop is bounded: it
 * stops by itself after the limit, and each request has its own timeout in {@link ParseClient}.
 */
public final class LoadLoop {

  /** When a run stops sending: after {@code requests} requests, or after {@code duration}. */
  public record Limit(long requests, Duration duration) {
    public static Limit ofRequests(long requests) {
      return new Limit(requests, null);
    }

    public static Limit ofDuration(Duration duration) {
      return new Limit(0, duration);
    }

    @Override
    public String toString() {
      return duration != null ? duration.toSeconds() + "s" : requests + " requests";
    }
  }

  private final Context context;
  private final Scenario scenario;
  private final int concurrency;
  private final Limit limit;
  private final LatencyRecorder latencies = new LatencyRecorder();
  private final ErrorTally errors = new ErrorTally();
  private final Promise<ScenarioResult> done = Promise.promise();
  private long sent;
  private int active;
  private long startNanos;
  private long deadlineNanos;

  private LoadLoop(Context context, Scenario scenario, int concurrency, Limit limit) {
    this.context = context;
    this.scenario = scenario;
    this.concurrency = concurrency;
    this.limit = limit;
  }

  /**
   * Runs the scenario once to the limit.
   *
   * @param context the one context every request and callback runs on
   * @return the result; requests without a 2xx answer count as errors, never fail the Future
   */
  public static Future<ScenarioResult> run(Context context, Scenario scenario, int concurrency,
      Limit limit) {
    LoadLoop loop = new LoadLoop(context, scenario, concurrency, limit);
    context.runOnContext(v -> loop.start());
    return loop.done.future();
  }

  private void start() {
    startNanos = System.nanoTime();
    deadlineNanos = limit.duration() == null ? Long.MAX_VALUE
        : startNanos + limit.duration().toNanos();
    active = concurrency;
    for (int i = 0; i < concurrency; i++) {
      sendNext();
    }
  }

  private void sendNext() {
    boolean limitReached = limit.duration() == null ? sent >= limit.requests()
        : System.nanoTime() >= deadlineNanos;
    if (limitReached) {
      if (--active == 0) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        done.complete(ScenarioResult.of(scenario.name(), concurrency, latencies, errors, seconds));
      }
      return;
    }
    sent++;
    long t0 = System.nanoTime();
    Future<HttpResponse<Buffer>> answer;
    try {
      answer = scenario.send();
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(ar -> {
      record(ar, System.nanoTime() - t0);
      // note: hop through the context so an answer completed at once cannot grow the stack
      context.runOnContext(v -> sendNext());
    });
  }

  private void record(AsyncResult<HttpResponse<Buffer>> ar, long nanos) {
    if (ar.failed()) {
      errors.failure(ar.cause());
      return;
    }
    int status = ar.result().statusCode();
    if (status >= 200 && status < 300) {
      latencies.recordNanos(nanos);
    } else {
      errors.httpError(status, ar.result().bodyAsString());
    }
  }
}
