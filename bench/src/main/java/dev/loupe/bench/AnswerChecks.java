package dev.loupe.bench;

import dev.loupe.model.Observation;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceStore;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.analytics.MetricsRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks the timed answers against what was generated, so a fast wrong answer shows: counts add up
 * to the generated rows, the cost totals of different queries agree, and sampled traces come back
 * exactly as generated.
 */
final class AnswerChecks {
  private final AnalyticsDataset data;
  private final List<String> lines = new ArrayList<>();
  private @Nullable BigDecimal costByDay; // from (a), when it ran

  AnswerChecks(AnalyticsDataset data) {
    this.data = data;
  }

  void query(String key, List<MetricsRow> rows) {
    switch (key) {
      case "a" -> {
        costByDay = sum(rows, "sum_totalCost");
        lines.add(
            String.format("(a) total generation cost $%,.2f over %d days", costByDay, data.days()));
      }
      case "c" -> {
        long count = sum(rows, "count_count").longValue();
        long errors = sum(rows, "sum_errors").longValue();
        lines.add(
            verdict(count == data.generations(), "(c) counts sum to %,d generations", count)
                + String.format(
                    ", %,d errors = %.2f %%, %d models",
                    errors, 100.0 * errors / count, rows.size()));
      }
      case "d" ->
          lines.add(
              String.format(
                  "(d) top user %s spent $%,.2f; #20 $%,.2f",
                  rows.get(0).dimensions().get("userId"),
                  (BigDecimal) rows.get(0).values().get("sum_totalCost"),
                  (BigDecimal) rows.get(rows.size() - 1).values().get("sum_totalCost")));
      case "e" -> {
        long count = sum(rows, "count_count").longValue();
        BigDecimal cost = sum(rows, "sum_totalCost");
        lines.add(
            verdict(
                count == data.generations() && sameCost(cost),
                "(e) counts sum to %,d generations, cost equals (a)",
                count));
      }
      case "f" -> {
        long count = sum(rows, "count_count").longValue();
        BigDecimal cost = sum(rows, "sum_totalCost");
        lines.add(
            verdict(
                count == data.traces() && sameCost(cost),
                "(f) trace counts sum to %,d traces, trace cost equals (a)",
                count));
      }
      default -> {}
    }
  }

  /** Sampled traces must come back with the generated observations and cost. */
  void traces(TraceStore store, List<Long> sampled, int missing, int lookups) {
    AnalyticsTraceGenerator generator = new AnalyticsTraceGenerator(data);
    int same = 0;
    for (long index : sampled) {
      long first = index / BulkLoader.TRACES_PER_BATCH * BulkLoader.TRACES_PER_BATCH;
      int count = (int) Math.min(BulkLoader.TRACES_PER_BATCH, data.traces() - first);
      WriteBatch block = generator.block(first, count);
      String id = Ids.traceId(data.seed(), index);
      List<Observation> expected =
          block.observations().stream().filter(o -> o.traceId().equals(id)).toList();
      Optional<TraceDetail> got = store.getTrace(AnalyticsDataset.PROJECT_ID, id);
      if (got.isPresent()
          && got.get().observations().size() == expected.size()
          && got.get().totalCost().compareTo(TraceDetail.totalCost(expected)) == 0) {
        same++;
      }
    }
    lines.add(
        verdict(
            missing == 0 && same == sampled.size(),
            "(g) %d of "
                + lookups
                + " ids found; "
                + same
                + "/"
                + sampled.size()
                + " sampled traces match the generator (observations, cost)",
            lookups - missing));
  }

  /** Equal to (a)'s total; vacuously true when (a) failed (its failure is reported). */
  private boolean sameCost(BigDecimal cost) {
    return costByDay == null || cost.compareTo(costByDay) == 0;
  }

  List<String> lines() {
    return lines;
  }

  private static String verdict(boolean ok, String format, long value) {
    return (ok ? "ok       " : "MISMATCH ") + String.format(format, value);
  }

  private static BigDecimal sum(List<MetricsRow> rows, String alias) {
    BigDecimal sum = BigDecimal.ZERO;
    for (MetricsRow row : rows) {
      Object v = row.values().get(alias);
      if (v instanceof BigDecimal d) sum = sum.add(d);
      else if (v instanceof Number n) sum = sum.add(BigDecimal.valueOf(n.longValue()));
    }
    return sum;
  }
}
