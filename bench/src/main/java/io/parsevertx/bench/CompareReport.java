package io.parsevertx.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Several {@link BenchReport}s side by side: one row per scenario and concurrency, a column group
 * (req/s, p50, p99, errors, machine-wide busy cores, the server process's cores and requests
 * per server CPU-second) per report, and, for two reports, the ratios of req/s and of requests
 * per server CPU-second.
 */
public final class CompareReport {
  private static final String CELL = " %9s";
  private static final int CELLS = 7;

  private final List<BenchReport> reports;

  public CompareReport(List<BenchReport> reports) {
    if (reports.isEmpty()) {
      throw new IllegalArgumentException("nothing to compare");
    }
    this.reports = List.copyOf(reports);
  }

  /** Prints the side-by-side table. */
  public void print(PrintStream out) {
    out.println("== side by side (req/s: higher is better; ms: lower is better)");
    for (int i = 0; i < reports.size(); i++) {
      out.printf("  [%d] %s  %s  (%s)%n", i + 1, reports.get(i).label(), reports.get(i).url(),
          reports.get(i).settings());
    }
    StringBuilder header = new StringBuilder(String.format("%-10s %5s", "scenario", "conc"));
    for (int i = 1; i <= reports.size(); i++) {
      for (String column : List.of("req/s", "p50 ms", "p99 ms", "errors", "cores", "srv cpu",
          "req/cpu-s")) {
        header.append(String.format(CELL, "[" + i + "]" + column));
      }
    }
    if (reports.size() == 2) {
      header.append(String.format(CELL, "[1]/[2]"));
      header.append(String.format(CELL, "cpu [1]/[2]"));
    }
    out.println(header);
    for (RowKey key : rowKeys()) {
      out.println(row(key));
    }
    out.flush();
  }

  private String row(RowKey key) {
    StringBuilder line = new StringBuilder(
        String.format("%-10s %5d", key.scenario(), key.concurrency()));
    List<Optional<ScenarioResult>> cells = new ArrayList<>();
    for (BenchReport report : reports) {
      Optional<ScenarioResult> cell = find(report, key);
      cells.add(cell);
      line.append(cell.map(CompareReport::cells).orElse(String.format(CELL.repeat(CELLS), "-", "-",
          "-", "-", "-", "-", "-")));
    }
    if (reports.size() == 2) {
      line.append(String.format(CELL, ratio(cells.get(0), cells.get(1))));
      line.append(String.format(CELL, cpuRatio(cells.get(0), cells.get(1))));
    }
    return line.toString();
  }

  private static String cells(ScenarioResult r) {
    return String.format(CELL.repeat(CELLS), BenchReport.fixed(r.requestsPerSecond(), 1),
        BenchReport.fixed(r.p50Ms(), 2), BenchReport.fixed(r.p99Ms(), 2), r.errors(),
        BenchReport.cores(r.coresBusy()), BenchReport.serverCores(r), BenchReport.perCpu(r));
  }

  /** The ratio of requests per server CPU-second, {@code -} when either is unknown. */
  static String cpuRatio(Optional<ScenarioResult> first, Optional<ScenarioResult> second) {
    if (first.isEmpty() || second.isEmpty()) {
      return "-";
    }
    double ours = first.get().requestsPerServerCpuSecond();
    double theirs = second.get().requestsPerServerCpuSecond();
    return Double.isFinite(ours) && Double.isFinite(theirs) && theirs > 0
        ? BenchReport.fixed(ours / theirs, 2) + "x" : "-";
  }

  static String ratio(Optional<ScenarioResult> first, Optional<ScenarioResult> second) {
    if (first.isEmpty() || second.isEmpty() || second.get().requestsPerSecond() == 0) {
      return "-";
    }
    return BenchReport.fixed(first.get().requestsPerSecond()
        / second.get().requestsPerSecond(), 2) + "x";
  }

  private static Optional<ScenarioResult> find(BenchReport report, RowKey key) {
    return report.results().stream().filter(r -> r.scenario().equals(key.scenario())
        && r.concurrency() == key.concurrency()).findFirst();
  }

  private List<RowKey> rowKeys() {
    Set<RowKey> keys = new LinkedHashSet<>();
    for (BenchReport report : reports) {
      report.results().forEach(r -> keys.add(new RowKey(r.scenario(), r.concurrency())));
    }
    return List.copyOf(keys);
  }

  private record RowKey(String scenario, int concurrency) {}
}
