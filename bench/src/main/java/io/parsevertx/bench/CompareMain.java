package io.parsevertx.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -cp bench.jar io.parsevertx.bench.CompareMain a.json [b.json...]}: prints the
 * reports written by {@code BenchMain --json} side by side (a file may hold one report or
 * several), the first one's req/s divided by the second's. For numbers taken in separate runs;
 * {@code BenchMain} with several {@code --url} measures servers side by side in one run.
 */
public final class CompareMain {
  private CompareMain() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (args.length == 0) {
      System.err.println("usage: CompareMain report.json [report.json...]");
      System.exit(2);
    }
    List<BenchReport> reports = new ArrayList<>();
    for (String arg : args) {
      reports.addAll(fromJson(new JsonObject(Files.readString(Path.of(arg),
          StandardCharsets.UTF_8))));
    }
    new CompareReport(reports).print(out);
  }

  /** The reports in a file written by {@code BenchMain --json}. */
  static List<BenchReport> fromJson(JsonObject json) {
    if (!json.containsKey(BenchMain.REPORTS)) {
      return List.of(BenchReport.fromJson(json));
    }
    return json.getJsonArray(BenchMain.REPORTS).stream()
        .map(report -> BenchReport.fromJson((JsonObject) report)).toList();
  }
}
