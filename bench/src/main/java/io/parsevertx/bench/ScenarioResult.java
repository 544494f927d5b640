package io.parsevertx.bench;

import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one measured run of one scenario at one concurrency gave.
 *
 * @param scenario the scenario name, e.g. {@code query}
 * @param concurrency requests in flight at once
 * @param ok requests answered with a 2xx status
 * @param errors requests answered otherwise, or not answered
 * @param seconds wall time from the first request sent to the last answer
 * @param p50Ms median latency of the successful requests
 * @param p99Ms 99th percentile latency of the successful requests
 * @param maxMs largest latency of the successful requests
 * @param errorKinds failed requests per kind (see {@link ErrorTally})
 * @param coresBusy how many cores of the whole machine were busy on average during the run (see
 *     {@link CpuSample}), NaN when unknown
 * @param serverCpuSeconds the CPU time the server process spent during the run (see
 *     {@link ProcessCpu}), NaN when unknown
 */
public record ScenarioResult(String scenario, int concurrency, long ok, long errors,
    double seconds, double p50Ms, double p99Ms, double maxMs, Map<String, Long> errorKinds,
    double coresBusy, double serverCpuSeconds) {

  private static final String SCENARIO = "scenario";
  private static final String CONCURRENCY = "concurrency";
  private static final String OK = "ok";
  private static final String ERRORS = "errors";
  private static final String SECONDS = "seconds";
  private static final String REQUESTS_PER_SECOND = "requestsPerSecond";
  private static final String P50_MS = "p50Ms";
  private static final String P99_MS = "p99Ms";
  private static final String MAX_MS = "maxMs";
  private static final String ERROR_KINDS = "errorKinds";
  private static final String CORES_BUSY = "coresBusy";
  private static final String SERVER_CPU_SECONDS = "serverCpuSeconds";
  private static final String REQUESTS_PER_CPU_SECOND = "requestsPerServerCpuSecond";

  public ScenarioResult {
    errorKinds = Collections.unmodifiableMap(new LinkedHashMap<>(errorKinds));
  }

  /** A result whose busy cores are unknown. */
  public ScenarioResult(String scenario, int concurrency, long ok, long errors, double seconds,
      double p50Ms, double p99Ms, double maxMs, Map<String, Long> errorKinds) {
    this(scenario, concurrency, ok, errors, seconds, p50Ms, p99Ms, maxMs, errorKinds, Double.NaN,
        Double.NaN);
  }

  /** This result with the busy cores and the server's CPU time measured around it. */
  public ScenarioResult withCpu(double cores, double serverSeconds) {
    return new ScenarioResult(scenario, concurrency, ok, errors, seconds, p50Ms, p99Ms, maxMs,
        errorKinds, cores, serverSeconds);
  }

  /** Successful requests per second of the server's own CPU time; NaN when unknown. */
  public double requestsPerServerCpuSecond() {
    return serverCpuSeconds > 0 ? ok / serverCpuSeconds : Double.NaN;
  }

  /** Builds a result from what a run recorded. */
  public static ScenarioResult of(String scenario, int concurrency, LatencyRecorder latencies,
      ErrorTally errors, double seconds) {
    return new ScenarioResult(scenario, concurrency, latencies.count(), errors.total(), seconds,
        latencies.percentileMs(50), latencies.percentileMs(99), latencies.maxMs(),
        errors.byKind());
  }

  /** Successful requests per second of wall time (0 for an empty run). */
  public double requestsPerSecond() {
    return seconds > 0 ? ok / seconds : 0;
  }

  public JsonObject toJson() {
    JsonObject kinds = new JsonObject();
    errorKinds.forEach(kinds::put);
    return new JsonObject().put(SCENARIO, scenario).put(CONCURRENCY, concurrency).put(OK, ok)
        .put(ERRORS, errors).put(SECONDS, seconds).put(REQUESTS_PER_SECOND, requestsPerSecond())
        .put(P50_MS, p50Ms).put(P99_MS, p99Ms).put(MAX_MS, maxMs).put(ERROR_KINDS, kinds)
        // note: JSON has no NaN, so an unknown value is written as null
        .put(CORES_BUSY, Double.isFinite(coresBusy) ? coresBusy : null)
        .put(SERVER_CPU_SECONDS, Double.isFinite(serverCpuSeconds) ? serverCpuSeconds : null)
        .put(REQUESTS_PER_CPU_SECOND, Double.isFinite(requestsPerServerCpuSecond())
            ? requestsPerServerCpuSecond() : null);
  }

  /** Reads {@link #toJson}; a report written before {@code coresBusy} existed reads as NaN. */
  public static ScenarioResult fromJson(JsonObject json) {
    Map<String, Long> kinds = new LinkedHashMap<>();
    JsonObject rawKinds = json.getJsonObject(ERROR_KINDS, new JsonObject());
    rawKinds.fieldNames().forEach(k -> kinds.put(k, rawKinds.getLong(k)));
    return new ScenarioResult(json.getString(SCENARIO), json.getInteger(CONCURRENCY),
        json.getLong(OK), json.getLong(ERRORS), json.getDouble(SECONDS), json.getDouble(P50_MS),
        json.getDouble(P99_MS), json.getDouble(MAX_MS), kinds,
        json.getValue(CORES_BUSY) instanceof Number cores ? cores.doubleValue() : Double.NaN,
        json.getValue(SERVER_CPU_SECONDS) instanceof Number cpu ? cpu.doubleValue()
            : Double.NaN);
  }
}
