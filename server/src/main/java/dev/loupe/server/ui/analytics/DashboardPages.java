package dev.loupe.server.ui.analytics;

import static dev.loupe.server.ui.analytics.DashboardQueries.COST;
import static dev.loupe.server.ui.analytics.DashboardQueries.COUNT_ALL;
import static dev.loupe.server.ui.analytics.DashboardQueries.ERROR_COUNT;
import static dev.loupe.server.ui.analytics.DashboardQueries.ERROR_RATE;
import static dev.loupe.server.ui.analytics.DashboardQueries.INPUT;
import static dev.loupe.server.ui.analytics.DashboardQueries.LATENCY_P50;
import static dev.loupe.server.ui.analytics.DashboardQueries.LATENCY_P95;
import static dev.loupe.server.ui.analytics.DashboardQueries.LATENCY_P99;
import static dev.loupe.server.ui.analytics.DashboardQueries.OUTPUT;
import static dev.loupe.server.ui.analytics.DashboardQueries.TOKENS;
import static dev.loupe.server.ui.analytics.DashboardQueries.TTFT_P50;
import static dev.loupe.server.ui.analytics.DashboardQueries.TTFT_P95;
import static dev.loupe.server.ui.analytics.DashboardQueries.USER_COUNT;

import dev.loupe.model.Json;
import dev.loupe.query.InvalidParameterException;
import dev.loupe.server.http.Exchange;
import dev.loupe.server.ui.Formats;
import dev.loupe.server.ui.Pages;
import dev.loupe.server.ui.UiContext;
import dev.loupe.server.ui.analytics.DashboardPage.Cell;
import dev.loupe.server.ui.analytics.DashboardPage.Chart;
import dev.loupe.server.ui.analytics.DashboardPage.Column;
import dev.loupe.server.ui.analytics.DashboardPage.Row;
import dev.loupe.server.ui.analytics.DashboardPage.Table;
import dev.loupe.server.ui.traces.TracePages;
import dev.loupe.storage.AnalyticsStore;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard: eight analytics queries ({@link DashboardQueries}), run concurrently on virtual
 * threads, rendered as server-side tables with chart data for dashboard.js.
 */
public final class DashboardPages {
  public static final String PATH = "/ui/dashboard";

  /** Models drawn as their own chart series; the rest are summed as "other". */
  private static final int CHART_SERIES = 8;

  private final AnalyticsStore analytics;
  private final Clock clock;
  private final Pages pages;

  public DashboardPages(UiContext ui, Pages pages) {
    this.analytics = ui.analytics();
    this.clock = ui.clock();
    this.pages = pages;
  }

  public void page(Exchange ex, String projectId) throws IOException {
    TimeWindow window;
    String error = "";
    int status = 200;
    try {
      window = TimeWindow.of(ex.params(), clock);
    } catch (InvalidParameterException e) {
      window = TimeWindow.defaults(clock);
      error = e.getMessage();
      status = 400;
    }
    pages.render(ex, status, "dashboard.jte", build(projectId, window, error));
  }

  private DashboardPage build(String projectId, TimeWindow window, String error) {
    DashboardQueries q = new DashboardQueries(projectId, window);
    long start = System.nanoTime();
    List<List<MetricsRow>> answers =
        runAll(
            List.of(
                q.byModel(),
                q.byModelOverTime(),
                q.latencyByGenerationName(),
                q.errorsByName(),
                q.byType(),
                q.traceTotals(),
                q.topUsers(),
                q.topTraces(),
                q.scoresByName(),
                q.scoresOverTime(),
                q.categoricalScores()));
    long millis = (System.nanoTime() - start) / 1_000_000;
    List<MetricsRow> byModel = answers.get(0);
    List<MetricsRow> overTime = answers.get(1);
    List<String> order = seriesOrder(overTime);
    List<Table> tables =
        java.util.stream.Stream.of(
                table(
                    "cost-by-model",
                    "Cost and tokens by model",
                    "model",
                    "Model",
                    byModel,
                    "providedModelName",
                    r -> "",
                    col("cost", "Cost", COST, Figures::cost),
                    col("count", "Calls", COUNT_ALL, Figures::count),
                    col("input-tokens", "Input tokens", INPUT, Figures::count),
                    col("output-tokens", "Output tokens", OUTPUT, Figures::count),
                    col("tokens", "Total tokens", TOKENS, Figures::count)),
                table(
                    "latency-by-model",
                    "Latency by model",
                    "model",
                    "Model",
                    byModel,
                    "providedModelName",
                    r -> "",
                    col("count", "Calls", COUNT_ALL, Figures::count),
                    col("p50", "p50", LATENCY_P50, Figures::millis),
                    col("p95", "p95", LATENCY_P95, Figures::millis),
                    col("p99", "p99", LATENCY_P99, Figures::millis),
                    col("ttft-p50", "TTFT p50", TTFT_P50, Figures::millis),
                    col("ttft-p95", "TTFT p95", TTFT_P95, Figures::millis)),
                table(
                    "errors-by-model",
                    "Errors by model",
                    "model",
                    "Model",
                    byModel,
                    "providedModelName",
                    r -> "",
                    col("count", "Calls", COUNT_ALL, Figures::count),
                    col("errors", "Errors", ERROR_COUNT, Figures::count),
                    col("error-rate", "Error rate", ERROR_RATE, Figures::rate)),
                table(
                    "latency-by-name",
                    "Latency by generation name",
                    "name",
                    "Generation",
                    answers.get(2),
                    "name",
                    r -> "",
                    col("count", "Generations", COUNT_ALL, Figures::count),
                    col("p50", "p50", LATENCY_P50, Figures::millis),
                    col("p95", "p95", LATENCY_P95, Figures::millis),
                    col("p99", "p99", LATENCY_P99, Figures::millis)),
                table(
                    "errors-by-name",
                    "Errors by observation name",
                    "name",
                    "Observation",
                    answers.get(3),
                    "name",
                    r -> "",
                    col("count", "Observations", COUNT_ALL, Figures::count),
                    col("errors", "Errors", ERROR_COUNT, Figures::count),
                    col("error-rate", "Error rate", ERROR_RATE, Figures::rate)),
                table(
                    "top-users",
                    "Top users by cost",
                    "user",
                    "User",
                    answers.get(6),
                    "userId",
                    r -> "/ui/traces?userId=" + Formats.queryValue(r) + window.tracesQuery(),
                    col("cost", "Cost", COST, Figures::cost),
                    col("traces", "Traces", COUNT_ALL, Figures::count),
                    col("tokens", "Tokens", TOKENS, Figures::count)),
                table(
                    "top-traces",
                    "Top traces by cost",
                    "trace",
                    "Trace",
                    answers.get(7),
                    "traceId",
                    r -> TracePages.LIST + "/" + Formats.pathSegment(r),
                    col("cost", "Cost", COST, Figures::cost),
                    col("tokens", "Tokens", TOKENS, Figures::count),
                    col("count", "Observations", COUNT_ALL, Figures::count)),
                table(
                    "scores-by-name",
                    "Scores by name (numeric; boolean: average = rate of True)",
                    "name",
                    "Score",
                    answers.get(8),
                    "name",
                    r -> "",
                    dimensionCol("data-type", "Type", "dataType"),
                    col("count", "Scores", COUNT_ALL, Figures::count),
                    col("avg", "Average", DashboardQueries.SCORE_AVG, Figures::score),
                    col("p50", "p50", DashboardQueries.SCORE_P50, Figures::score),
                    col("p95", "p95", DashboardQueries.SCORE_P95, Figures::score)),
                labelTable(answers.get(10)))
            .toList();
    return new DashboardPage(
        projectId,
        window.range(),
        TimeWindow.CHOICES,
        TimeWindow.inputValue(window.from()),
        TimeWindow.inputValue(window.to()),
        window.from().toString(),
        window.to().toString(),
        window.granularity().wireName(),
        error,
        totals(answers.get(4), answers.get(5)),
        List.of(
            chart("cost", "Cost by model", "$", window, overTime, COST, order),
            chart("tokens", "Tokens by model", "tokens", window, overTime, TOKENS, order),
            scoreChart(window, answers.get(9))),
        tables,
        answers.size(),
        millis);
  }

  /** Categorical scores: one row per (score name, label), its count. */
  private static Table labelTable(List<MetricsRow> rows) {
    List<Row> out = new ArrayList<>();
    for (MetricsRow r : rows) {
      String name = r.dimensions().get("name");
      String label = r.dimensions().get("stringValue");
      Object count = r.values().get(COUNT_ALL.alias());
      out.add(
          new Row(
              "name",
              name == null ? "" : name,
              name + ": " + label,
              "",
              List.of(cell("count", "Scores", count, Figures::count))));
    }
    return new Table(
        "scores-by-label",
        "Categorical scores by label",
        "name",
        "Score: label",
        List.of(new Column("count", "Scores")),
        out);
  }

  /**
   * The average of each score name per bucket of the window (null where it has none), the most
   * frequent {@value #CHART_SERIES} names.
   */
  private static Chart scoreChart(TimeWindow window, List<MetricsRow> rows) {
    List<Instant> buckets = window.buckets();
    Map<Instant, Integer> index = new HashMap<>();
    for (int i = 0; i < buckets.size(); i++) index.put(buckets.get(i), i);
    Map<String, Double[]> byName = new LinkedHashMap<>();
    Map<String, Long> counts = new HashMap<>();
    for (MetricsRow r : rows) {
      Integer i = r.time() == null ? null : index.get(r.time());
      if (i == null) continue;
      String name = String.valueOf(r.dimensions().get("name"));
      if (r.values().get(DashboardQueries.SCORE_AVG.alias()) instanceof Number n)
        byName.computeIfAbsent(name, m -> new Double[buckets.size()])[i] = n.doubleValue();
      counts.merge(name, number(r.values().get(COUNT_ALL.alias())), Long::sum);
    }
    List<String> names = new ArrayList<>(byName.keySet());
    names.sort(
        java.util.Comparator.comparing((String m) -> counts.get(m))
            .reversed()
            .thenComparing(m -> m));
    List<Map<String, Object>> series = new ArrayList<>();
    for (String name : names.subList(0, Math.min(CHART_SERIES, names.size())))
      series.add(Map.of("label", name, "values", byName.get(name)));
    long[] x = buckets.stream().mapToLong(Instant::getEpochSecond).toArray();
    return new Chart(
        "scores",
        "Average score by name per " + window.granularity().wireName(),
        "score",
        Json.write(Map.of("x", x, "series", series)));
  }

  /** Runs the queries concurrently, one virtual thread each; answers in query order. */
  private List<List<MetricsRow>> runAll(List<MetricsQuery> queries) {
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<MetricsRow>>> futures = new ArrayList<>();
      for (MetricsQuery query : queries) futures.add(exec.submit(() -> analytics.query(query)));
      List<List<MetricsRow>> out = new ArrayList<>();
      for (Future<List<MetricsRow>> f : futures) out.add(f.get());
      return out;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private record Col(
      String cls, String label, Function<MetricsRow, Object> read, Function<Object, String> text) {}

  private static Col col(String cls, String label, Metric metric, Function<Object, String> text) {
    return new Col(cls, label, r -> r.values().get(metric.alias()), text);
  }

  /** A column showing one of the row's dimensions (e.g. a score's data type). */
  private static Col dimensionCol(String cls, String label, String dimension) {
    return new Col(cls, label, r -> r.dimensions().get(dimension), v -> String.valueOf(v));
  }

  private static Table table(
      String id,
      String title,
      String key,
      String keyLabel,
      List<MetricsRow> rows,
      String dimension,
      Function<String, String> href,
      Col... cols) {
    List<Column> columns = new ArrayList<>();
    for (Col c : cols) columns.add(new Column(c.cls(), c.label()));
    List<Row> out = new ArrayList<>();
    for (MetricsRow r : rows) {
      String keyValue = r.dimensions().get(dimension);
      List<Cell> cells = new ArrayList<>();
      for (Col c : cols) cells.add(cell(c.cls(), c.label(), c.read().apply(r), c.text()));
      String keyText = keyValue == null ? "(none)" : keyValue;
      out.add(
          new Row(
              key,
              keyValue == null ? "" : keyValue,
              keyText,
              keyValue == null ? "" : href.apply(keyValue),
              cells));
    }
    return new Table(id, title, key, keyLabel, columns, out);
  }

  private static Cell cell(
      String cls, String label, @Nullable Object value, Function<Object, String> text) {
    return new Cell(cls, label, Figures.apiValue(value), text.apply(value));
  }

  /**
   * Cost, tokens, observations and errors summed over the by-type rows (exact: longs and decimals),
   * the generation count of the GENERATION row, and the trace and user counts.
   */
  private static List<Cell> totals(List<MetricsRow> byType, List<MetricsRow> traces) {
    BigDecimal cost = null;
    long observations = 0, input = 0, output = 0, tokens = 0, errors = 0, generations = 0;
    for (MetricsRow r : byType) {
      Map<String, @Nullable Object> v = r.values();
      if (v.get(COST.alias()) instanceof BigDecimal c) cost = cost == null ? c : cost.add(c);
      long n = number(v.get(COUNT_ALL.alias()));
      observations += n;
      input += number(v.get(INPUT.alias()));
      output += number(v.get(OUTPUT.alias()));
      tokens += number(v.get(TOKENS.alias()));
      errors += number(v.get(ERROR_COUNT.alias()));
      if ("GENERATION".equals(r.dimensions().get("type"))) generations = n;
    }
    if (cost != null) cost = cost.stripTrailingZeros();
    Map<String, @Nullable Object> t = traces.isEmpty() ? Map.of() : traces.get(0).values();
    return List.of(
        cell("cost", "Cost", cost, Figures::cost),
        cell("traces", "Traces", t.getOrDefault(COUNT_ALL.alias(), 0L), Figures::count),
        cell("generations", "Generations", generations, Figures::count),
        cell("observations", "Observations", observations, Figures::count),
        cell("tokens", "Tokens", tokens, Figures::count),
        cell("input-tokens", "Input tokens", input, Figures::count),
        cell("output-tokens", "Output tokens", output, Figures::count),
        cell("errors", "Errors", errors, Figures::count),
        cell("users", "Users", t.getOrDefault(USER_COUNT.alias(), 0L), Figures::count));
  }

  private static long number(@Nullable Object v) {
    return v instanceof Number n ? n.longValue() : 0;
  }

  /** The models of the chart rows, most expensive first, then most tokens, then by name. */
  private static List<String> seriesOrder(List<MetricsRow> rows) {
    Map<String, BigDecimal> cost = new HashMap<>();
    Map<String, Long> tokens = new HashMap<>();
    for (MetricsRow r : rows) {
      String model = String.valueOf(r.dimensions().get("providedModelName"));
      Object c = r.values().get(COST.alias());
      cost.merge(model, c instanceof BigDecimal d ? d : BigDecimal.ZERO, BigDecimal::add);
      tokens.merge(model, number(r.values().get(TOKENS.alias())), Long::sum);
    }
    List<String> models = new ArrayList<>(cost.keySet());
    models.sort(
        java.util.Comparator.comparing((String m) -> cost.get(m))
            .thenComparing(m -> tokens.get(m))
            .reversed()
            .thenComparing(m -> m));
    return models;
  }

  /**
   * One series per model in {@code order} (the first {@value #CHART_SERIES}, then "other" for the
   * rest), a value per bucket of the window (0 where a model has none), x in epoch seconds.
   */
  private static Chart chart(
      String name,
      String title,
      String unit,
      TimeWindow window,
      List<MetricsRow> rows,
      Metric metric,
      List<String> order) {
    List<Instant> buckets = window.buckets();
    Map<Instant, Integer> index = new HashMap<>();
    for (int i = 0; i < buckets.size(); i++) index.put(buckets.get(i), i);
    Map<String, double[]> byModel = new LinkedHashMap<>();
    for (MetricsRow r : rows) {
      Integer i = r.time() == null ? null : index.get(r.time());
      if (i == null) continue;
      String model = String.valueOf(r.dimensions().get("providedModelName"));
      double v = r.values().get(metric.alias()) instanceof Number n ? n.doubleValue() : 0;
      byModel.computeIfAbsent(model, m -> new double[buckets.size()])[i] += v;
    }
    List<String> models = order.stream().filter(byModel::containsKey).toList();
    List<Map<String, Object>> series = new ArrayList<>();
    double[] other = null;
    for (int m = 0; m < models.size(); m++) {
      double[] values = byModel.get(models.get(m));
      if (m < CHART_SERIES) {
        series.add(Map.of("label", models.get(m), "values", values));
      } else {
        if (other == null) other = new double[buckets.size()];
        for (int i = 0; i < values.length; i++) other[i] += values[i];
      }
    }
    if (other != null) series.add(Map.of("label", "other", "values", other));
    long[] x = buckets.stream().mapToLong(Instant::getEpochSecond).toArray();
    String caption = title + " per " + window.granularity().wireName();
    if (rows.size() >= MetricsQuery.MAX_ROWS)
      caption += " (partial: too many models for this range)";
    return new Chart(name, caption, unit, Json.write(Map.of("x", x, "series", series)));
  }
}
