package io.parsevertx.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the bench once against one or more servers. Each server is seeded with the data the chosen
 * scenarios read and warmed up; then for each scenario and concurrency every server in turn gets
 * a short warm-up and a measured {@link LoadLoop}, so that servers compared in one run are
 * measured minutes apart at most seconds, under the same machine load. {@code create} runs last
 * whatever the order given, so that the objects it adds do not grow the class the reads scan.
 * Blocks the calling thread, which must not be a Vert.x thread (it is {@code main}).
 */
public final class BenchRun {
  private static final int SEED_PARALLEL_MIN = 16;

  private final BenchConfig config;

  public BenchRun(BenchConfig config) {
    this.config = config;
  }

  /**
   * Runs every scenario on every target.
   *
   * @return one report per target, in the order given
   * @throws RuntimeException when seeding fails or a server cannot be reached
   */
  public List<BenchReport> run() {
    Vertx vertx = Vertx.vertx();
    try {
      // note: the pool limit applies per server, so each one gets the highest concurrency
      PoolOptions pool = new PoolOptions()
          .setHttp1MaxSize(Math.max(config.maxConcurrency(), SEED_PARALLEL_MIN));
      WebClient client = WebClient.create(vertx,
          new WebClientOptions().setKeepAlive(true).setUserAgent("parse-vertx-bench"), pool);
      Context context = vertx.getOrCreateContext();
      List<TargetRun> runs = new ArrayList<>();
      for (BenchConfig.Target target : config.targets()) {
        runs.add(new TargetRun(target, config, context, new ParseClient(client, target.url(),
            config.appId(), config.masterKey(), config.timeoutMs())));
      }
      List<String> order = executionOrder(config.scenarios());
      runs.forEach(run -> run.prepare(order));
      runs.forEach(TargetRun::warmUp);
      for (String name : order) {
        for (int concurrency : config.concurrencies()) {
          runs.forEach(run -> run.measure(name, concurrency));
        }
      }
      return runs.stream().map(TargetRun::report).toList();
    } finally {
      vertx.close().await();
    }
  }

  /** The chosen scenarios without repeats, {@code create} moved to the end. */
  static List<String> executionOrder(List<String> chosen) {
    List<String> order = new ArrayList<>(chosen.stream().distinct().toList());
    if (order.remove(Scenarios.CREATE)) {
      order.add(Scenarios.CREATE);
    }
    return order;
  }
}
