package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.UsageScope;
import dev.loupe.storage.AnalyticsStore;
import dev.loupe.storage.Page;
import dev.loupe.storage.Paging;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /api/public/metrics/daily}: per UTC day, newest first, the number of traces and
 * observations, their total cost and usage per model, always within the caller's project.
 *
 * <p>Parameters: {@code traceName}, {@code userId}, {@code tags} (repeatable; a trace must carry
 * all of them), {@code environment} (repeatable; any of them), {@code fromTimestamp}, {@code
 * toTimestamp}, {@code page}, {@code limit} (1..100, default 50). Traces count on the day of their
 * timestamp, observations (and their cost and usage) on the day they start; observation filters
 * apply to the observation's trace (name, user, tags) and the observation's own environment. Only
 * days with a trace or an observation are listed. Without {@code fromTimestamp} the window starts
 * at the epoch, without {@code toTimestamp} it ends a day after now (clock skew), so by default
 * every day is listed, as Langfuse does. Usage lists models with a name, by cost descending, then
 * model; a missing cost is 0. Usage per model counts the observations whose usage is their own: a
 * parent reporting its descendants' total (e.g. an {@code invoke_agent} naming its model) adds no
 * tokens, cost or count there (nor to the day's cost).
 */
public final class DailyMetrics {
  /** One day. */
  public record Day(
      LocalDate date,
      long countTraces,
      long countObservations,
      BigDecimal totalCost,
      List<ModelUsage> usage) {
    public Day {
      usage = List.copyOf(usage);
    }
  }

  /** One provided model's usage on a day. */
  public record ModelUsage(
      String model,
      long inputUsage,
      long outputUsage,
      long totalUsage,
      long countObservations,
      long countTraces,
      BigDecimal totalCost) {}

  private static final Duration SKEW = Duration.ofDays(1);
  private static final String COUNT = "count_count";
  private static final String COST = "sum_totalCost";

  private final AllRows rows;
  private final Clock clock;

  public DailyMetrics(AnalyticsStore store, Clock clock) {
    this(store, clock, MetricsQuery.MAX_ROWS);
  }

  /** With a smaller per-query row limit, so tests can see windows being split. */
  DailyMetrics(AnalyticsStore store, Clock clock, int rowLimit) {
    this.rows = new AllRows(requireNonNull(store, "store"), rowLimit);
    this.clock = requireNonNull(clock, "clock");
  }

  /** One page of days matching the parameters, newest first. */
  public Page<Day> page(String projectId, QueryParams params) {
    ApiParams.rejectUnsupported(params);
    Paging paging = ApiParams.paging(params);
    Instant from = params.instant("fromTimestamp");
    Instant to = params.instant("toTimestamp");
    Window window =
        new Window(
            from == null ? Instant.EPOCH : from, to == null ? clock.instant().plus(SKEW) : to);
    if (!window.from().isBefore(window.to())) {
      throw new InvalidParameterException("toTimestamp", "must be after fromTimestamp");
    }
    DailyFilters filters = new DailyFilters(params);
    TreeMap<LocalDate, long[]> counts = new TreeMap<>(Comparator.reverseOrder());
    Map<LocalDate, BigDecimal> costs = new TreeMap<>();
    MetricsQuery.Builder traces = daily(projectId, MetricsView.TRACES, window);
    traces.metric(Measure.COUNT, Aggregation.COUNT);
    for (MetricsRow r : rows.all(filters.onTraces(traces).build())) {
      counts.computeIfAbsent(day(r), d -> new long[2])[0] = asLong(r.values().get(COUNT));
    }
    MetricsQuery.Builder observations = daily(projectId, MetricsView.OBSERVATIONS, window);
    observations.metric(Measure.COUNT, Aggregation.COUNT);
    observations.metric(Measure.TOTAL_COST, Aggregation.SUM);
    for (MetricsRow r : rows.all(filters.onObservations(observations).build())) {
      counts.computeIfAbsent(day(r), d -> new long[2])[1] = asLong(r.values().get(COUNT));
      costs.put(day(r), asDecimal(r.values().get(COST)));
    }
    List<LocalDate> days =
        Page.slice(List.copyOf(counts.keySet()), paging.page(), paging.limit()).items();
    Map<LocalDate, List<ModelUsage>> usage =
        days.isEmpty()
            ? Map.of()
            : usage(projectId, filters, window.clip(days.get(0), days.get(days.size() - 1)));
    List<Day> page = new ArrayList<>();
    for (LocalDate d : days) {
      long[] c = counts.get(d);
      page.add(
          new Day(
              d,
              c[0],
              c[1],
              costs.getOrDefault(d, BigDecimal.ZERO),
              usage.getOrDefault(d, List.of())));
    }
    return new Page<>(page, paging.page(), paging.limit(), counts.size());
  }

  private Map<LocalDate, List<ModelUsage>> usage(String projectId, DailyFilters filters, Window w) {
    MetricsQuery.Builder b =
        daily(projectId, MetricsView.OBSERVATIONS, w)
            .dimension(Dimension.PROVIDED_MODEL_NAME)
            .filter(Dimension.PROVIDED_MODEL_NAME, FilterOperator.IS_NOT_NULL)
            // a parent reporting its descendants' total names a model but is not a call of it
            .filter(Dimension.USAGE_SCOPE, FilterOperator.EQ, UsageScope.OWN.name())
            .metric(Measure.INPUT_TOKENS, Aggregation.SUM)
            .metric(Measure.OUTPUT_TOKENS, Aggregation.SUM)
            .metric(Measure.TOTAL_TOKENS, Aggregation.SUM)
            .metric(Measure.COUNT, Aggregation.COUNT)
            .metric(Measure.TRACE_ID, Aggregation.UNIQ)
            .metric(Measure.TOTAL_COST, Aggregation.SUM);
    Map<LocalDate, List<ModelUsage>> byDay = new TreeMap<>();
    for (MetricsRow r : rows.all(filters.onObservations(b).build())) {
      Map<String, @Nullable Object> v = r.values();
      ModelUsage u =
          new ModelUsage(
              requireNonNull(r.dimensions().get(Dimension.PROVIDED_MODEL_NAME.wireName()), "model"),
              asLong(v.get("sum_inputTokens")),
              asLong(v.get("sum_outputTokens")),
              asLong(v.get("sum_totalTokens")),
              asLong(v.get(COUNT)),
              asLong(v.get("uniq_traceId")),
              asDecimal(v.get(COST)));
      byDay.computeIfAbsent(day(r), d -> new ArrayList<>()).add(u);
    }
    byDay.replaceAll(
        (d, list) ->
            list.stream()
                .sorted(
                    Comparator.comparing(ModelUsage::totalCost)
                        .reversed()
                        .thenComparing(ModelUsage::model))
                .toList());
    return byDay;
  }

  private static MetricsQuery.Builder daily(String projectId, MetricsView view, Window w) {
    return MetricsQuery.builder(projectId, view, w.from(), w.to())
        .granularity(Granularity.DAY)
        .rowLimit(MetricsQuery.MAX_ROWS);
  }

  private static LocalDate day(MetricsRow r) {
    return LocalDate.ofInstant(requireNonNull(r.time(), "time"), ZoneOffset.UTC);
  }

  private static long asLong(@Nullable Object v) {
    return v == null ? 0 : ((Number) v).longValue();
  }

  private static BigDecimal asDecimal(@Nullable Object v) {
    return v == null ? BigDecimal.ZERO : (BigDecimal) v;
  }

  /** A time window {@code [from, to)}. */
  private record Window(Instant from, Instant to) {
    /** This window narrowed to the days from {@code newest} back to {@code oldest} (UTC). */
    Window clip(LocalDate newest, LocalDate oldest) {
      Instant first = oldest.atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant last = newest.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      return new Window(first.isAfter(from) ? first : from, last.isBefore(to) ? last : to);
    }
  }
}
