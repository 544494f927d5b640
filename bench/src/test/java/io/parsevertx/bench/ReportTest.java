package io.parsevertx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReportTest {
  private static final ScenarioResult QUERY_8 = new ScenarioResult("query", 8, 5000, 2, 2.0,
      1.25, 9.5, 12.0, Map.of("HTTP 500 {\"code\":1,\"error\":\"boom\"}", 2L));
  private static final ScenarioResult QUERY_8_SLOWER =
      new ScenarioResult("query", 8, 1000, 0, 2.0, 7.0, 30.0, 31.0, Map.of());

  @Test
  void printsOneRowPerResultAndTheErrorsByKind() {
    BenchReport report = new BenchReport("ours", "http://127.0.0.1:1/parse", "5s per run",
        List.of(QUERY_8), List.of("seeded 10 objects"));
    String text = print(report::print);
    assertTrue(text.contains("== ours  http://127.0.0.1:1/parse  (5s per run)"), text);
    assertTrue(
        text.matches("(?s).*query\\s+8\\s+5002\\s+2500\\.0\\s+1\\.25\\s+9\\.50\\s+2"
            + "\\s+-\\s+-\\s+-\\n.*"),
        text);
    assertTrue(text.contains("errors query c=8: 2 x HTTP 500 {\"code\":1,\"error\":\"boom\"}"));
    assertTrue(text.contains("note: seeded 10 objects"));
  }

  @Test
  void jsonRoundTripKeepsEveryField() {
    BenchReport report = new BenchReport("ours", "http://127.0.0.1:1/parse", "5s", List.of(QUERY_8),
        List.of("n"));
    assertEquals(report, BenchReport.fromJson(report.toJson()));
    assertEquals(2500.0, report.toJson().getJsonArray("results").getJsonObject(0)
        .getDouble("requestsPerSecond"));
  }

  @Test
  void printsTheBusyCoresWithOneDecimal() {
    BenchReport report = new BenchReport("ours", "u", "s",
        List.of(QUERY_8.withCpu(1.96, Double.NaN)), List.of());
    String text = print(report::print);
    assertTrue(text.matches("(?s).*\\s+cores\\s+srv cpu\\s+req/cpu-s\\n.*"), text);
    assertTrue(text.matches("(?s).*query\\s+8\\s+5002\\s+2500\\.0\\s+1\\.25\\s+9\\.50\\s+2\\s+2\\.0"
        + "\\s+-\\s+-\\n.*"), text);
  }

  @Test
  void jsonRoundTripKeepsTheBusyCores() {
    BenchReport report = new BenchReport("ours", "u", "s",
        List.of(QUERY_8.withCpu(1.75, Double.NaN), QUERY_8_SLOWER), List.of());
    JsonObject json = new JsonObject(report.toJson().encode());
    assertEquals(1.75, json.getJsonArray("results").getJsonObject(0).getDouble("coresBusy"));
    assertNull(json.getJsonArray("results").getJsonObject(1).getValue("coresBusy"));
    BenchReport back = BenchReport.fromJson(json);
    assertEquals(report, back);
    assertEquals(1.75, back.results().get(0).coresBusy());
    assertTrue(Double.isNaN(back.results().get(1).coresBusy()));
  }

  @Test
  void jsonWithoutTheBusyCoresReadsAsUnknown() {
    JsonObject row = QUERY_8.withCpu(1.5, Double.NaN).toJson();
    row.remove("coresBusy");
    assertTrue(Double.isNaN(ScenarioResult.fromJson(row).coresBusy()));
  }

  @Test
  void oneJsonFileHoldsOneReportOrSeveral() {
    BenchReport ours = new BenchReport("ours", "u1", "s", List.of(QUERY_8), List.of());
    BenchReport theirs = new BenchReport("theirs", "u2", "s", List.of(QUERY_8_SLOWER), List.of());
    assertEquals(List.of(ours), CompareMain.fromJson(BenchMain.toJson(List.of(ours))));
    assertEquals(List.of(ours, theirs),
        CompareMain.fromJson(BenchMain.toJson(List.of(ours, theirs))));
  }

  static Stream<Arguments> ratios() {
    return Stream.of(
        Arguments.of(Optional.of(QUERY_8), Optional.of(QUERY_8_SLOWER), "5.00x"),
        Arguments.of(Optional.of(QUERY_8_SLOWER), Optional.of(QUERY_8), "0.20x"),
        Arguments.of(Optional.of(QUERY_8), Optional.empty(), "-"),
        Arguments.of(Optional.of(QUERY_8), Optional.of(new ScenarioResult("query", 8, 0, 9, 1.0,
            0, 0, 0, Map.of())), "-"));
  }

  @ParameterizedTest
  @MethodSource("ratios")
  void ratioOfRequestsPerSecond(Optional<ScenarioResult> first, Optional<ScenarioResult> second,
      String expected) {
    assertEquals(expected, CompareReport.ratio(first, second));
  }

  @Test
  void sideBySideHasOneRowPerScenarioAndConcurrency() {
    BenchReport ours = new BenchReport("ours", "u1", "s", List.of(QUERY_8), List.of());
    BenchReport theirs = new BenchReport("theirs", "u2", "s", List.of(QUERY_8_SLOWER,
        new ScenarioResult("count", 64, 10, 0, 1.0, 1, 1, 1, Map.of())), List.of());
    String text = print(new CompareReport(List.of(ours, theirs))::print);
    assertTrue(text.matches("(?s).*\\nquery\\s+8\\s+2500\\.0.*\\s500\\.0.*5\\.00x\\s+-\\n.*"), text);
    assertTrue(text.matches("(?s).*\\ncount\\s+64\\s+(-\\s+){7}10\\.0.*-\\n.*"), text);
  }

  @Test
  void sideBySideShowsTheBusyCoresOfEachTarget() {
    BenchReport ours = new BenchReport("ours", "u1", "s", List.of(QUERY_8.withCpu(1.94, 2.0)),
        List.of());
    BenchReport theirs = new BenchReport("theirs", "u2", "s",
        List.of(QUERY_8_SLOWER.withCpu(1.23, 2.5)), List.of());
    String text = print(new CompareReport(List.of(ours, theirs))::print);
    assertTrue(text.contains("[1]cores") && text.contains("[2]cores"), text);
    // note: ours spent 2 s of server CPU on 5000 requests (2500/cpu-s, 1.0 core over 2 s),
    // theirs 2.5 s on 1000 (400/cpu-s, 1.3 cores): 6.25 times the requests per CPU-second
    assertTrue(text.matches("(?s).*\\nquery\\s+8\\s+2500\\.0\\s+1\\.25\\s+9\\.50\\s+2\\s+1\\.9"
        + "\\s+1\\.0\\s+2500\\s+500\\.0\\s+7\\.00\\s+30\\.00\\s+0\\s+1\\.2\\s+1\\.3\\s+400"
        + "\\s+5\\.00x\\s+6\\.25x\\n.*"), text);
  }

  @Test
  void errorTallyKeepsAFewKindsApart() {
    ErrorTally tally = new ErrorTally();
    for (int status = 500; status < 500 + ErrorTally.MAX_KINDS + 3; status++) {
      tally.httpError(status, "{\"code\":1}");
    }
    tally.failure(new IllegalStateException("refused"));
    assertEquals(ErrorTally.MAX_KINDS + 4, tally.total());
    assertEquals(ErrorTally.MAX_KINDS + 1, tally.byKind().size());
    assertEquals(4L, tally.byKind().get(ErrorTally.OTHER));
  }

  @Test
  void createRunsLast() {
    assertEquals(List.of("get", "count", "create"),
        BenchRun.executionOrder(List.of("create", "get", "count", "get")));
  }

  private static String print(java.util.function.Consumer<PrintStream> printer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    printer.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
