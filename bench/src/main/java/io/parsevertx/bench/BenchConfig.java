package io.parsevertx.bench;

import java.time.Duration;
import java.util.List;

/**
 * What to measure and how, as given on the command line.
 *
 * @param targets the servers to measure, side by side when more than one
 * @param appId the application id
 * @param masterKey the master key, or null to send none
 * @param limit how long, or how many requests, each measured run lasts
 * @param warmupAll how long the scenarios run unmeasured, in turn, before any measured run
 * @param warmup how long each scenario runs unmeasured before each of its measured runs
 * @param concurrencies requests in flight, one measured run per value
 * @param scenarios scenario names, see {@link Scenarios#ALL}
 * @param seedCount how many objects the query and count scenarios run over
 * @param timeoutMs how long one request may wait for its answer
 */
public record BenchConfig(List<Target> targets, String appId, String masterKey,
    LoadLoop.Limit limit, Duration warmupAll, Duration warmup, List<Integer> concurrencies,
    List<String> scenarios, int seedCount, long timeoutMs) {

  /**
   * One server to measure.
   *
   * @param label the name printed in the report
   * @param url the server's base URL, e.g. {@code http://localhost:1337/parse}
   * @param pid the server's process on this machine, whose CPU time is measured; null if unknown
   */
  public record Target(String label, String url, Long pid) {

    public Target(String label, String url) {
      this(label, url, null);
    }
  }

  public BenchConfig {
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("--url needs a value");
    }
    concurrencies = List.copyOf(concurrencies);
    scenarios = List.copyOf(scenarios);
    for (String name : scenarios) {
      if (!Scenarios.ALL.contains(name)) {
        throw new IllegalArgumentException(
            "unknown scenario " + name + "; known: " + String.join(",", Scenarios.ALL));
      }
    }
    if (concurrencies.isEmpty() || concurrencies.stream().anyMatch(c -> c < 1)) {
      throw new IllegalArgumentException("--concurrency needs values of 1 or more");
    }
    if (seedCount < Dataset.GROUPS) {
      throw new IllegalArgumentException("--seed needs at least " + Dataset.GROUPS + " objects");
    }
  }

  /** The highest concurrency, which sizes the client's connection pool. */
  public int maxConcurrency() {
    return concurrencies.stream().mapToInt(Integer::intValue).max().orElse(1);
  }

  /** One line for the report's header. */
  public String describe() {
    return limit + " per run after " + warmup.toSeconds() + "s warm-up (" + warmupAll.toSeconds()
        + "s overall), " + seedCount + " seeded objects";
  }
}
