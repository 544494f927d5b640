package io.parsevertx.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bench's state for one server: its client, its seeded data, its checked scenarios, the notes
 * and the results so far. Blocking methods are called from {@code main}, never an event loop.
 */
final class TargetRun {
  private static final Logger LOG = LoggerFactory.getLogger(TargetRun.class);

  private final BenchConfig.Target target;
  private final BenchConfig config;
  private final Context context;
  private final ParseClient api;
  private final Map<String, Scenario> scenarios = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private final List<ScenarioResult> results = new ArrayList<>();

  TargetRun(BenchConfig.Target target, BenchConfig config, Context context, ParseClient api) {
    this.target = target;
    this.config = config;
    this.context = context;
    this.api = api;
  }

  /**
   * Seeds the data the chosen scenarios read, signs up the user {@code login} and {@code me} act
   * as, then checks one answer of each scenario.
   */
  void prepare(List<String> order) {
    Dataset data = null;
    if (order.stream().anyMatch(Scenarios::needsData)) {
      Seeder.Seeded seeded =
          onContext(new Seeder(context, api, config.seedCount())::seed).await();
      notes.add(seeded.note());
      data = seeded.data();
    }
    BenchUser user = null;
    if (order.stream().anyMatch(Scenarios::needsUser)) {
      user = onContext(() -> BenchUser.signUp(api)).await();
      LOG.info("event=user_signed_up target={} username={}", target.label(), user.username());
      notes.add("signed up " + user.username() + " for login and me");
    }
    for (String name : order) {
      Scenario scenario = Scenarios.named(name, api, data, user);
      String problem = onContext(scenario::check).await();
      if (problem != null) {
        LOG.warn("event=check_failed target={} scenario={} problem={}", target.label(), name,
            problem);
        notes.add(problem);
      }
      scenarios.put(name, scenario);
    }
  }

  /**
   * Shares the overall warm-up among the scenarios, at the highest concurrency, so that a JIT
   * compiling server (or store) is measured warm even when the data was already seeded. Skips
   * {@code create}, which would grow the class the reads scan, unless it is the only one.
   */
  void warmUp() {
    List<Scenario> chosen = scenarios.values().stream()
        .filter(s -> !Scenarios.CREATE.equals(s.name())).toList();
    if (chosen.isEmpty()) {
      chosen = List.copyOf(scenarios.values());
    }
    if (config.warmupAll().isZero() || chosen.isEmpty()) {
      return;
    }
    Duration each = config.warmupAll().dividedBy(chosen.size());
    LOG.info("event=warmup_started target={} seconds={}", target.label(),
        config.warmupAll().toSeconds());
    for (Scenario scenario : chosen) {
      LoadLoop.run(context, scenario, config.maxConcurrency(), LoadLoop.Limit.ofDuration(each))
          .await();
    }
  }

  /** A short unmeasured run, then the measured one, of one scenario at one concurrency. */
  void measure(String name, int concurrency) {
    Scenario scenario = scenarios.get(name);
    LOG.info("event=run_started target={} scenario={} concurrency={}", target.label(), name,
        concurrency);
    if (!config.warmup().isZero()) {
      LoadLoop.run(context, scenario, concurrency, LoadLoop.Limit.ofDuration(config.warmup()))
          .await();
    }
    long[] cpuBefore = CpuSample.read();
    double serverBefore = ProcessCpu.seconds(target.pid());
    ScenarioResult measured =
        LoadLoop.run(context, scenario, concurrency, config.limit()).await();
    double serverAfter = ProcessCpu.seconds(target.pid());
    long[] cpuAfter = CpuSample.read();
    ScenarioResult result = measured.withCpu(
        CpuSample.coresBusy(cpuBefore, cpuAfter, Runtime.getRuntime().availableProcessors()),
        serverAfter - serverBefore);
    LOG.info("event=run_done target={} scenario={} concurrency={} ok={} errors={} rps={}"
        + " p50Ms={} p99Ms={} coresBusy={} serverCpuSeconds={}", target.label(), name,
        concurrency, result.ok(), result.errors(), BenchReport.fixed(result.requestsPerSecond(),
        1), result.p50Ms(), result.p99Ms(), BenchReport.cores(result.coresBusy()),
        BenchReport.cores(result.serverCpuSeconds()));
    results.add(result);
  }

  /** The report, rows in the order of {@link Scenarios#ALL}. */
  BenchReport report() {
    List<ScenarioResult> rows = new ArrayList<>(results);
    rows.sort(Comparator.comparingInt(r -> Scenarios.ALL.indexOf(r.scenario())));
    return new BenchReport(target.label(), target.url(), config.describe(), rows, notes);
  }

  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        work.get().onComplete(promise);
      } catch (RuntimeException e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }
}
