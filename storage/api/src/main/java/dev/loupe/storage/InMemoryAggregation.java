package dev.loupe.storage;

import dev.loupe.model.Saturating;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Metric;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One metric over one group's records, with the value types and null rules of the package doc. */
final class InMemoryAggregation {
  private InMemoryAggregation() {}

  static @Nullable Object aggregate(Metric metric, List<InMemoryMetricRecord> records) {
    Aggregation agg = metric.aggregation();
    if (agg == Aggregation.COUNT) return (long) records.size();
    List<Object> values = new ArrayList<>();
    for (InMemoryMetricRecord r : records) {
      Object v = r.measure(metric.measure());
      if (v != null) values.add(v);
    }
    if (agg == Aggregation.UNIQ) return uniq(values);
    if (values.isEmpty()) return null;
    if (agg == Aggregation.AVG) return sum(doubles(values)) / values.size();
    if (agg.isPercentile()) return percentile(doubles(values), agg.percentile());
    return switch (agg.valueType(metric.measure())) {
      case LONG -> longs(agg, values);
      case DECIMAL -> decimals(agg, values);
      case DOUBLE -> doubles(agg, doubles(values));
      case INSTANT -> instants(agg, values);
    };
  }

  /** Linear interpolation between the two closest ranks (the package doc's formula). */
  static double percentile(double[] values, double p) {
    double[] v = values.clone();
    Arrays.sort(v);
    double h = (v.length - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo + 1 >= v.length) return v[lo];
    return v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
  }

  private static long uniq(List<Object> values) {
    Set<Object> distinct = new HashSet<>();
    for (Object v : values) {
      distinct.add(v instanceof BigDecimal d ? d.stripTrailingZeros() : v);
    }
    return distinct.size();
  }

  private static long longs(Aggregation agg, List<Object> values) {
    long result = agg == Aggregation.SUM ? 0 : (Long) values.get(0);
    for (Object o : values) {
      long v = (Long) o;
      result =
          switch (agg) {
            case SUM -> Saturating.add(result, v);
            case MIN -> Math.min(result, v);
            default -> Math.max(result, v);
          };
    }
    return result;
  }

  private static BigDecimal decimals(Aggregation agg, List<Object> values) {
    BigDecimal result = agg == Aggregation.SUM ? BigDecimal.ZERO : (BigDecimal) values.get(0);
    for (Object o : values) {
      BigDecimal v = (BigDecimal) o;
      result =
          switch (agg) {
            case SUM -> result.add(v);
            case MIN -> result.min(v);
            default -> result.max(v);
          };
    }
    return result.stripTrailingZeros();
  }

  /** min or max, the only aggregations of a time (see {@link Aggregation#appliesTo}). */
  private static Instant instants(Aggregation agg, List<Object> values) {
    Instant result = (Instant) values.get(0);
    for (Object o : values) {
      Instant v = (Instant) o;
      if (agg == Aggregation.MIN ? v.isBefore(result) : v.isAfter(result)) result = v;
    }
    return result;
  }

  private static double doubles(Aggregation agg, double[] values) {
    if (agg == Aggregation.SUM) return sum(values);
    double result = values[0];
    for (double v : values)
      result = agg == Aggregation.MIN ? Math.min(result, v) : Math.max(result, v);
    return result;
  }

  private static double sum(double[] values) {
    double sum = 0;
    for (double v : values) sum += v;
    return sum;
  }

  private static double[] doubles(List<Object> values) {
    double[] d = new double[values.size()];
    for (int i = 0; i < d.length; i++) d[i] = ((Number) values.get(i)).doubleValue();
    return d;
  }
}
