package dev.loupe.storage.tests;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.Score;
import dev.loupe.model.ScoreDataType;
import dev.loupe.model.Trace;
import dev.loupe.model.UsageScope;
import dev.loupe.storage.AnalyticsStore.ModelUsage;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricFilter;
import dev.loupe.storage.analytics.MetricOrder;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The expected answer of a metrics query computed from the raw rows a test wrote (each id written
 * once), with plain loops and its own percentile: the yardstick of the randomized suite. Only the
 * rows of the query's project are passed in.
 */
final class MetricsReference {
  private final List<Trace> traces;
  private final List<Observation> observations;
  private final List<Score> scores;

  MetricsReference(List<Trace> traces, List<Observation> observations) {
    this(traces, observations, List.of());
  }

  MetricsReference(List<Trace> traces, List<Observation> observations, List<Score> scores) {
    this.traces = traces;
    this.observations = observations;
    this.scores = scores;
  }

  /** One record of a view: time, dimension values, tags and measure values. */
  private record Rec(
      Instant time,
      Map<Dimension, @Nullable String> dims,
      List<String> tags,
      Map<Measure, @Nullable Object> measures) {}

  List<MetricsRow> answer(MetricsQuery q) {
    Map<List<@Nullable Object>, List<Rec>> groups = new HashMap<>();
    for (Rec r : records(q.view())) {
      if (r.time().isBefore(q.from()) || !r.time().isBefore(q.to())) continue;
      boolean keep = true;
      for (MetricFilter f : q.filters()) keep &= matches(f, r);
      if (!keep) continue;
      List<@Nullable Object> key = new ArrayList<>();
      key.add(q.granularity() == null ? null : bucket(q.granularity(), r.time()));
      for (Dimension d : q.dimensions()) key.add(r.dims().get(d));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
    }
    List<MetricsRow> rows = new ArrayList<>();
    for (Map.Entry<List<@Nullable Object>, List<Rec>> g : groups.entrySet()) {
      Map<String, @Nullable String> dims = new LinkedHashMap<>();
      for (int i = 0; i < q.dimensions().size(); i++) {
        dims.put(q.dimensions().get(i).wireName(), (String) g.getKey().get(i + 1));
      }
      Map<String, @Nullable Object> values = new LinkedHashMap<>();
      for (Metric m : q.metrics()) values.put(m.alias(), aggregate(m, g.getValue()));
      rows.add(new MetricsRow((Instant) g.getKey().get(0), dims, values));
    }
    rows.sort((a, b) -> compareRows(q, a, b));
    return rows.size() > q.rowLimit() ? rows.subList(0, q.rowLimit()) : rows;
  }

  List<ModelUsage> models(Instant from, Instant to) {
    Map<String, long[]> counts = new HashMap<>();
    for (Observation o : observations) {
      if (o.model() == null || o.startTime().isBefore(from) || !o.startTime().isBefore(to))
        continue;
      long[] c = counts.computeIfAbsent(o.model(), k -> new long[2]);
      c[0]++;
      if (o.costSource() == CostSource.NO_PRICE) c[1]++;
    }
    List<ModelUsage> usages = new ArrayList<>();
    counts.forEach((m, c) -> usages.add(new ModelUsage(m, c[0], c[1])));
    usages.sort(
        (a, b) ->
            a.observations() != b.observations()
                ? Long.compare(b.observations(), a.observations())
                : codePoints(a.model(), b.model()));
    return usages;
  }

  static Instant bucket(dev.loupe.storage.analytics.Granularity g, Instant t) {
    java.time.LocalDateTime d = java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC);
    java.time.LocalDateTime start =
        switch (g) {
          case MINUTE -> d.withSecond(0).withNano(0);
          case HOUR -> d.withMinute(0).withSecond(0).withNano(0);
          case DAY -> d.toLocalDate().atStartOfDay();
          case WEEK -> d.toLocalDate().minusDays(d.getDayOfWeek().getValue() - 1).atStartOfDay();
          case MONTH -> d.toLocalDate().withDayOfMonth(1).atStartOfDay();
        };
    return start.toInstant(java.time.ZoneOffset.UTC);
  }

  private List<Rec> records(MetricsView view) {
    Map<String, Trace> byId = new HashMap<>();
    for (Trace t : traces) byId.put(t.id(), t);
    List<Rec> recs = new ArrayList<>();
    if (view == MetricsView.SCORES_NUMERIC || view == MetricsView.SCORES_CATEGORICAL) {
      Map<String, Observation> observationById = new HashMap<>();
      for (Observation o : observations) observationById.put(o.id(), o);
      for (Score s : scores) {
        boolean numeric =
            s.dataType() == ScoreDataType.NUMERIC || s.dataType() == ScoreDataType.BOOLEAN;
        if (s.dataType() == ScoreDataType.TEXT || numeric != (view == MetricsView.SCORES_NUMERIC))
          continue;
        String traceId = s.target().traceId();
        String observationId = s.target().observationId();
        recs.add(
            scoreRecord(
                s,
                traceId == null ? null : byId.get(traceId),
                observationId == null ? null : observationById.get(observationId)));
      }
    } else if (view == MetricsView.OBSERVATIONS) {
      for (Observation o : observations) recs.add(observationRecord(o, byId.get(o.traceId())));
    } else {
      for (Trace t : traces) {
        List<Observation> own = new ArrayList<>();
        for (Observation o : observations) if (o.traceId().equals(t.id())) own.add(o);
        recs.add(traceRecord(t, own));
      }
    }
    return recs;
  }

  private static Rec observationRecord(Observation o, @Nullable Trace t) {
    Map<Dimension, @Nullable String> d = new HashMap<>();
    d.put(Dimension.NAME, o.name());
    d.put(Dimension.USER_ID, t == null ? null : t.userId());
    d.put(Dimension.SESSION_ID, t == null ? null : t.sessionId());
    d.put(Dimension.ENVIRONMENT, o.environment());
    d.put(Dimension.RELEASE, o.release());
    d.put(Dimension.VERSION, o.version());
    d.put(Dimension.TRACE_ID, o.traceId());
    d.put(Dimension.TRACE_NAME, t == null ? null : t.name());
    d.put(Dimension.TYPE, o.type().toString());
    d.put(Dimension.LEVEL, o.level().toString());
    d.put(Dimension.PROVIDED_MODEL_NAME, o.model());
    d.put(Dimension.PROMPT_NAME, o.promptName());
    d.put(Dimension.COST_SOURCE, o.costSource().toString());
    d.put(Dimension.PRICED_MODEL_ID, o.pricedModelId());
    d.put(Dimension.USAGE_SCOPE, o.usageScope().toString());
    boolean counts = o.usageScope() == UsageScope.OWN;
    Map<Measure, @Nullable Object> m = new HashMap<>();
    Long latencyMicros =
        o.endTime() == null ? null : ChronoUnit.MICROS.between(o.startTime(), o.endTime());
    m.put(Measure.COUNT, 1L);
    m.put(Measure.LATENCY, ms(o.startTime(), o.endTime()));
    m.put(Measure.TIME_TO_FIRST_TOKEN, ms(o.startTime(), o.completionStartTime()));
    m.put(
        Measure.STREAMING_LATENCY,
        o.completionStartTime() == null ? null : ms(o.completionStartTime(), o.endTime()));
    // a parent reporting its descendants' usage counts 0 tokens and no cost: they count it
    Map<String, Long> usage = counts ? o.usageDetails() : Map.of();
    Map<String, BigDecimal> cost = counts ? o.costDetails() : Map.of();
    long output = side(usage, "output");
    m.put(Measure.INPUT_TOKENS, side(usage, "input"));
    m.put(Measure.OUTPUT_TOKENS, output);
    m.put(Measure.TOTAL_TOKENS, total(usage));
    m.put(Measure.CACHED_INPUT_TOKENS, usage.getOrDefault("input_cached_tokens", 0L));
    m.put(Measure.REASONING_TOKENS, usage.getOrDefault("output_reasoning_tokens", 0L));
    m.put(Measure.INPUT_COST, sideCost(cost, "input"));
    m.put(Measure.OUTPUT_COST, sideCost(cost, "output"));
    m.put(Measure.TOTAL_COST, totalCost(cost));
    m.put(
        Measure.OUTPUT_TOKENS_PER_SECOND,
        !counts || latencyMicros == null || latencyMicros <= 0
            ? null
            : output / (latencyMicros / 1_000_000.0));
    m.put(Measure.ERRORS, o.level() == Level.ERROR ? 1L : 0L);
    m.put(Measure.TRACE_ID, o.traceId());
    m.put(Measure.USER_ID, t == null ? null : t.userId());
    m.put(Measure.SESSION_ID, t == null ? null : t.sessionId());
    m.put(Measure.TIMESTAMP, o.startTime());
    return new Rec(o.startTime(), d, t == null ? List.of() : t.tags(), m);
  }

  private Rec scoreRecord(Score s, @Nullable Trace t, @Nullable Observation o) {
    Map<Dimension, @Nullable String> d = new HashMap<>();
    String session =
        s.target().sessionId() != null ? s.target().sessionId() : t == null ? null : t.sessionId();
    d.put(Dimension.NAME, s.name());
    d.put(Dimension.ENVIRONMENT, s.environment());
    d.put(Dimension.TRACE_ID, s.target().traceId());
    d.put(Dimension.OBSERVATION_ID, s.target().observationId());
    d.put(Dimension.SOURCE, s.source().toString());
    d.put(Dimension.DATA_TYPE, s.dataType().toString());
    d.put(Dimension.CONFIG_ID, s.configId());
    d.put(Dimension.STRING_VALUE, s.stringValue());
    d.put(Dimension.USER_ID, t == null ? null : t.userId());
    d.put(Dimension.TRACE_NAME, t == null ? null : t.name());
    d.put(Dimension.SESSION_ID, session);
    d.put(Dimension.OBSERVATION_NAME, o == null ? null : o.name());
    d.put(Dimension.OBSERVATION_MODEL_NAME, o == null ? null : o.model());
    String model = null;
    if (s.target().observationId() != null) {
      model = o == null ? null : o.model();
    } else if (s.target().traceId() != null) {
      Observation last = null;
      for (Observation x : observations) {
        if (!x.traceId().equals(s.target().traceId()) || x.model() == null) continue;
        if (last == null
            || x.startTime().isAfter(last.startTime())
            || (x.startTime().equals(last.startTime()) && codePoints(x.id(), last.id()) > 0)) {
          last = x;
        }
      }
      model = last == null ? null : last.model();
    }
    d.put(Dimension.MODEL, model);
    Map<Measure, @Nullable Object> m = new HashMap<>();
    m.put(Measure.COUNT, 1L);
    m.put(Measure.VALUE, s.value());
    m.put(Measure.TRACE_ID, s.target().traceId());
    m.put(Measure.USER_ID, t == null ? null : t.userId());
    m.put(Measure.SESSION_ID, session);
    m.put(Measure.TIMESTAMP, s.timestamp());
    return new Rec(s.timestamp(), d, t == null ? List.of() : t.tags(), m);
  }

  private static Rec traceRecord(Trace t, List<Observation> own) {
    Map<Dimension, @Nullable String> d = new HashMap<>();
    d.put(Dimension.NAME, t.name());
    d.put(Dimension.USER_ID, t.userId());
    d.put(Dimension.SESSION_ID, t.sessionId());
    d.put(Dimension.ENVIRONMENT, t.environment());
    d.put(Dimension.RELEASE, t.release());
    d.put(Dimension.VERSION, t.version());
    Map<Measure, @Nullable Object> m = new HashMap<>();
    m.put(Measure.COUNT, 1L);
    Instant first = null, last = null;
    long in = 0, out = 0, tot = 0, cached = 0, reasoning = 0, errors = 0;
    BigDecimal inCost = null, outCost = null, totCost = null;
    for (Observation o : own) {
      if (first == null || o.startTime().isBefore(first)) first = o.startTime();
      Instant end = o.endTime() == null ? o.startTime() : o.endTime();
      if (last == null || end.isAfter(last)) last = end;
      if (o.level() == Level.ERROR) errors = 1;
      if (o.usageScope() != UsageScope.OWN) continue;
      in += side(o.usageDetails(), "input");
      out += side(o.usageDetails(), "output");
      tot += total(o.usageDetails());
      cached += o.usageDetails().getOrDefault("input_cached_tokens", 0L);
      reasoning += o.usageDetails().getOrDefault("output_reasoning_tokens", 0L);
      inCost = plus(inCost, sideCost(o.costDetails(), "input"));
      outCost = plus(outCost, sideCost(o.costDetails(), "output"));
      totCost = plus(totCost, totalCost(o.costDetails()));
    }
    m.put(Measure.LATENCY, first == null ? null : ms(first, last));
    m.put(Measure.INPUT_TOKENS, in);
    m.put(Measure.OUTPUT_TOKENS, out);
    m.put(Measure.TOTAL_TOKENS, tot);
    m.put(Measure.CACHED_INPUT_TOKENS, cached);
    m.put(Measure.REASONING_TOKENS, reasoning);
    m.put(Measure.INPUT_COST, inCost);
    m.put(Measure.OUTPUT_COST, outCost);
    m.put(Measure.TOTAL_COST, totCost);
    m.put(Measure.ERRORS, errors);
    m.put(Measure.USER_ID, t.userId());
    m.put(Measure.SESSION_ID, t.sessionId());
    m.put(Measure.TIMESTAMP, t.timestamp());
    return new Rec(t.timestamp(), d, t.tags(), m);
  }

  private static @Nullable BigDecimal plus(@Nullable BigDecimal a, @Nullable BigDecimal b) {
    if (a == null) return b;
    return b == null ? a : a.add(b);
  }

  private static @Nullable Double ms(Instant from, @Nullable Instant to) {
    return to == null ? null : ChronoUnit.MICROS.between(from, to) / 1000.0;
  }

  private static boolean onSide(String key, String side) {
    return key.equals(side) || key.startsWith(side + "_");
  }

  private static long side(Map<String, Long> usage, String side) {
    long sum = 0;
    for (String k : usage.keySet()) if (onSide(k, side)) sum += usage.get(k);
    return sum;
  }

  private static long total(Map<String, Long> usage) {
    if (usage.containsKey("total")) return usage.get("total");
    long sum = 0;
    for (long v : usage.values()) sum += v;
    return sum;
  }

  private static @Nullable BigDecimal sideCost(Map<String, BigDecimal> cost, String side) {
    BigDecimal sum = null;
    for (String k : cost.keySet()) if (onSide(k, side)) sum = plus(sum, cost.get(k));
    return sum;
  }

  private static @Nullable BigDecimal totalCost(Map<String, BigDecimal> cost) {
    if (cost.isEmpty()) return null;
    if (cost.containsKey("total")) return cost.get("total");
    BigDecimal sum = BigDecimal.ZERO;
    for (BigDecimal v : cost.values()) sum = sum.add(v);
    return sum;
  }

  private static boolean matches(MetricFilter f, Rec r) {
    List<String> vs = f.values();
    if (f.column() == Dimension.TAGS) {
      int present = 0;
      for (String v : vs) if (r.tags().contains(v)) present++;
      return switch (f.operator()) {
        case ANY_OF -> present > 0;
        case NONE_OF -> present == 0;
        default -> present == new HashSet<>(vs).size();
      };
    }
    String v = r.dims().get(f.column());
    if (v == null) {
      return switch (f.operator()) {
        case NEQ, NONE_OF, NOT_CONTAINS, IS_NULL -> true;
        default -> false;
      };
    }
    return switch (f.operator()) {
      case EQ -> v.equals(vs.get(0));
      case NEQ -> !v.equals(vs.get(0));
      case CONTAINS -> v.indexOf(vs.get(0)) >= 0;
      case NOT_CONTAINS -> v.indexOf(vs.get(0)) < 0;
      case STARTS_WITH -> v.startsWith(vs.get(0));
      case ENDS_WITH -> v.endsWith(vs.get(0));
      case ANY_OF -> vs.contains(v);
      case NONE_OF -> !vs.contains(v);
      case IS_NULL -> false;
      case IS_NOT_NULL -> true;
      case ALL_OF -> throw new AssertionError("all of is for tags");
    };
  }

  private static @Nullable Object aggregate(Metric metric, List<Rec> recs) {
    Aggregation agg = metric.aggregation();
    if (agg == Aggregation.COUNT) return (long) recs.size();
    List<Object> vals = new ArrayList<>();
    for (Rec r : recs) {
      Object v = r.measures().get(metric.measure());
      if (v != null) vals.add(v);
    }
    if (agg == Aggregation.UNIQ) {
      Set<Object> distinct = new HashSet<>();
      for (Object v : vals) distinct.add(v instanceof BigDecimal b ? b.stripTrailingZeros() : v);
      return (long) distinct.size();
    }
    if (vals.isEmpty()) return null;
    if (vals.get(0) instanceof Instant) {
      Instant r = (Instant) vals.get(0);
      for (Object v : vals) {
        Instant x = (Instant) v;
        if (agg == Aggregation.MIN ? x.compareTo(r) < 0 : x.compareTo(r) > 0) r = x;
      }
      return r;
    }
    double[] d = new double[vals.size()];
    for (int i = 0; i < d.length; i++) d[i] = ((Number) vals.get(i)).doubleValue();
    if (agg == Aggregation.AVG) {
      double s = 0;
      for (double x : d) s += x;
      return s / d.length;
    }
    if (agg.isPercentile()) return percentile(d, agg.percentile());
    Object first = vals.get(0);
    if (first instanceof BigDecimal) {
      BigDecimal r = agg == Aggregation.SUM ? BigDecimal.ZERO : (BigDecimal) first;
      for (Object v : vals) {
        BigDecimal b = (BigDecimal) v;
        if (agg == Aggregation.SUM) r = r.add(b);
        else if (agg == Aggregation.MIN ? b.compareTo(r) < 0 : b.compareTo(r) > 0) r = b;
      }
      return r.stripTrailingZeros();
    }
    if (first instanceof Long) {
      long r = agg == Aggregation.SUM ? 0 : (Long) first;
      for (Object v : vals) {
        long x = (Long) v;
        if (agg == Aggregation.SUM) r += x;
        else if (agg == Aggregation.MIN ? x < r : x > r) r = x;
      }
      return r;
    }
    double r = agg == Aggregation.SUM ? 0 : d[0];
    for (double x : d) {
      if (agg == Aggregation.SUM) r += x;
      else if (agg == Aggregation.MIN ? x < r : x > r) r = x;
    }
    return r;
  }

  /** The package doc's formula: h = (n − 1)·p between the two closest ranks. */
  static double percentile(double[] values, double p) {
    double[] v = Arrays.copyOf(values, values.length);
    Arrays.sort(v);
    double h = (v.length - 1) * p;
    int below = (int) h;
    double fraction = h - below;
    double next = below + 1 < v.length ? v[below + 1] : v[below];
    return v[below] + fraction * (next - v[below]);
  }

  private static int compareRows(MetricsQuery q, MetricsRow a, MetricsRow b) {
    for (MetricOrder o : q.orderBy()) {
      Object x = orderValue(q, a, o.field()), y = orderValue(q, b, o.field());
      int c;
      if (x == null || y == null) c = x == null ? (y == null ? 0 : 1) : -1; // nulls last either way
      else c = o.direction() == SortDirection.ASC ? compare(x, y) : compare(y, x);
      if (c != 0) return c;
    }
    if (a.time() != null && b.time() != null && !a.time().equals(b.time())) {
      return a.time().compareTo(b.time());
    }
    for (Dimension d : q.dimensions()) {
      String x = a.dimensions().get(d.wireName()), y = b.dimensions().get(d.wireName());
      if (x == null && y == null) continue;
      if (x == null) return 1;
      if (y == null) return -1;
      int c = codePoints(x, y);
      if (c != 0) return c;
    }
    return 0;
  }

  private static @Nullable Object orderValue(MetricsQuery q, MetricsRow r, String field) {
    if (r.values().containsKey(field)) return r.values().get(field);
    if (field.equals(MetricsRow.TIME)) return r.time();
    return r.dimensions().get(field);
  }

  @SuppressWarnings("unchecked")
  private static int compare(Object x, Object y) {
    if (x instanceof String s) return codePoints(s, (String) y);
    return ((Comparable<Object>) x).compareTo(y);
  }

  static int codePoints(String a, String b) {
    int[] x = a.codePoints().toArray(), y = b.codePoints().toArray();
    return Arrays.compare(x, y);
  }
}
