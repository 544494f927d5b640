package io.parsevertx.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one bench run against one server: its results and the notes taken on the way
 * (seeding, sanity checks), printed as a plain table or kept as JSON for {@link CompareMain}.
 *
 * @param label the name given with {@code --label}
 * @param url the server's base URL
 * @param settings how the run was measured, e.g. {@code 5s per run after 2s warm-up}
 * @param results one per scenario and concurrency, in the order run
 * @param notes anything worth reading next to the numbers
 */
public record BenchReport(String label, String url, String settings, List<ScenarioResult> results,
    List<String> notes) {

  static final String TABLE_FORMAT = "%-10s %5s %9s %10s %9s %9s %7s %6s %8s %10s%n";
  private static final String LABEL = "label";
  private static final String URL = "url";
  private static final String SETTINGS = "settings";
  private static final String RESULTS = "results";
  private static final String NOTES = "notes";

  public BenchReport {
    results = List.copyOf(results);
    notes = List.copyOf(notes);
  }

  /** Prints the header, one table row per result, then the errors by kind and the notes. */
  public void print(PrintStream out) {
    out.printf("== %s  %s  (%s)%n", label, url, settings);
    out.printf(TABLE_FORMAT, "scenario", "conc", "requests", "req/s", "p50 ms", "p99 ms",
        "errors", "cores", "srv cpu", "req/cpu-s");
    for (ScenarioResult r : results) {
      out.printf(TABLE_FORMAT, r.scenario(), r.concurrency(), r.ok() + r.errors(),
          fixed(r.requestsPerSecond(), 1), fixed(r.p50Ms(), 2), fixed(r.p99Ms(), 2), r.errors(),
          cores(r.coresBusy()), serverCores(r), perCpu(r));
    }
    for (ScenarioResult r : results) {
      for (Map.Entry<String, Long> kind : r.errorKinds().entrySet()) {
        out.printf("  errors %s c=%d: %d x %s%n", r.scenario(), r.concurrency(), kind.getValue(),
            kind.getKey());
      }
    }
    notes.forEach(note -> out.printf("  note: %s%n", note));
    out.flush();
  }

  static String fixed(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** The cores the server process kept busy on average, {@code -} when unknown. */
  static String serverCores(ScenarioResult r) {
    return r.seconds() > 0 ? cores(r.serverCpuSeconds() / r.seconds()) : "-";
  }

  /** Requests per second of server CPU, {@code -} when unknown. */
  static String perCpu(ScenarioResult r) {
    double value = r.requestsPerServerCpuSecond();
    return Double.isFinite(value) ? fixed(value, 0) : "-";
  }

  /** Busy cores with one decimal, {@code -} when unknown. */
  static String cores(double coresBusy) {
    return Double.isFinite(coresBusy) && coresBusy >= 0 ? fixed(coresBusy, 1) : "-";
  }

  public JsonObject toJson() {
    JsonArray rows = new JsonArray();
    results.forEach(r -> rows.add(r.toJson()));
    return new JsonObject().put(LABEL, label).put(URL, url).put(SETTINGS, settings)
        .put(RESULTS, rows).put(NOTES, new JsonArray(List.copyOf(notes)));
  }

  public static BenchReport fromJson(JsonObject json) {
    List<ScenarioResult> rows = json.getJsonArray(RESULTS).stream()
        .map(row -> ScenarioResult.fromJson((JsonObject) row)).toList();
    List<String> notes = json.getJsonArray(NOTES, new JsonArray()).stream()
        .map(String::valueOf).toList();
    return new BenchReport(json.getString(LABEL), json.getString(URL), json.getString(SETTINGS),
        rows, notes);
  }
}
