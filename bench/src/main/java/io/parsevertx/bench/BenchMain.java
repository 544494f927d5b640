package io.parsevertx.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar bench.jar --url http://localhost:1337/parse --appId APP [options]}: load-tests
 * any Parse-compatible server and prints one table row per scenario and concurrency to stdout
 * (logs go to stderr). Given {@code --url} more than once, it measures the servers in turn, each
 * scenario and concurrency on one right after the other, and adds a side-by-side table. Exits 0
 * after a run, also when requests failed (they are in the report), 1 when a server cannot be
 * seeded or reached, 2 for a wrong option.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Load-tests a Parse-compatible server (send traffic to servers you run only).")
public final class BenchMain implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);
  static final String REPORTS = "reports";
  private static final int EXIT_NO_RESULTS = 1;

  @Option(names = "--url", defaultValue = "http://localhost:1337/parse",
      description = "server base URL; repeat to compare servers (default: ${DEFAULT-VALUE})")
  List<String> urls;
  @Option(names = "--label", description = "name printed in the report, one per --url")
  List<String> labels;
  @Option(names = "--pid", description = "the server's process id, one per --url: its CPU time"
      + " is measured (Linux)")
  List<Long> pids;
  @Option(names = "--appId", required = true, description = "X-Parse-Application-Id")
  String appId;
  @Option(names = "--masterKey", description = "X-Parse-Master-Key, sent when given")
  String masterKey;
  @Option(names = "--seconds", defaultValue = "5",
      description = "measured seconds per scenario and concurrency (default: ${DEFAULT-VALUE})")
  int seconds;
  @Option(names = "--requests", description = "measure this many requests instead of --seconds")
  Long requests;
  @Option(names = "--warmupAll", defaultValue = "10",
      description = "unmeasured seconds shared by the scenarios before measuring, so a JIT"
          + " is warm (default: ${DEFAULT-VALUE})")
  int warmupAllSeconds;
  @Option(names = "--warmup", defaultValue = "1",
      description = "unmeasured seconds before each measured run (default: ${DEFAULT-VALUE})")
  int warmupSeconds;
  @Option(names = "--concurrency", split = ",", defaultValue = "8,64",
      description = "requests in flight (default: ${DEFAULT-VALUE})")
  List<Integer> concurrency;
  @Option(names = "--scenarios", split = ",",
      defaultValue = "create,get,query,count,increment,login,me",
      description = "scenarios to run (default: ${DEFAULT-VALUE})")
  List<String> scenarios;
  @Option(names = "--json", description = "also write the report to this JSON file")
  Path json;
  @Option(names = "--seed", defaultValue = "10000",
      description = "objects the reads run over (default: ${DEFAULT-VALUE})")
  int seedCount;
  @Option(names = "--timeoutMs", defaultValue = "30000",
      description = "per-request timeout (default: ${DEFAULT-VALUE})")
  long timeoutMs;

  private final PrintStream out;

  BenchMain(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.exit(new CommandLine(new BenchMain(out)).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    BenchConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
    }
    List<BenchReport> reports;
    try {
      reports = new BenchRun(config).run();
    } catch (Exception e) {
      // note: seeding or a scenario check got no answer (await rethrows checked causes too)
      LOG.error("event=bench_failed reason=\"{}\"", e.toString());
      return EXIT_NO_RESULTS;
    }
    for (BenchReport report : reports) {
      report.print(out);
      out.println();
    }
    if (reports.size() > 1) {
      new CompareReport(reports).print(out);
    }
    if (json != null) {
      Files.writeString(json, toJson(reports).encodePrettily(), StandardCharsets.UTF_8);
    }
    return 0;
  }

  /** One report as itself, several as {@code {"reports": [...]}}. */
  static JsonObject toJson(List<BenchReport> reports) {
    if (reports.size() == 1) {
      return reports.get(0).toJson();
    }
    JsonArray all = new JsonArray();
    reports.forEach(report -> all.add(report.toJson()));
    return new JsonObject().put(REPORTS, all);
  }

  private BenchConfig config() {
    if (seconds < 1 || (requests != null && requests < 1)) {
      throw new IllegalArgumentException("--seconds and --requests need 1 or more");
    }
    if (warmupSeconds < 0 || warmupAllSeconds < 0) {
      throw new IllegalArgumentException("--warmup and --warmupAll need 0 or more");
    }
    LoadLoop.Limit limit = requests != null ? LoadLoop.Limit.ofRequests(requests)
        : LoadLoop.Limit.ofDuration(Duration.ofSeconds(seconds));
    return new BenchConfig(targets(), appId, masterKey, limit,
        Duration.ofSeconds(warmupAllSeconds), Duration.ofSeconds(warmupSeconds), concurrency,
        scenarios, seedCount, timeoutMs);
  }

  private List<BenchConfig.Target> targets() {
    if (labels != null && labels.size() != urls.size()) {
      throw new IllegalArgumentException("give one --label per --url, or none");
    }
    if (pids != null && pids.size() != urls.size()) {
      throw new IllegalArgumentException("give one --pid per --url, or none");
    }
    List<BenchConfig.Target> targets = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      String label = labels != null ? labels.get(i)
          : urls.size() == 1 ? "server" : "server" + (i + 1);
      targets.add(new BenchConfig.Target(label, urls.get(i), pids == null ? null : pids.get(i)));
    }
    return targets;
  }
}
