package dev.loupe.storage;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.CostSource;
import dev.loupe.model.Observation;
import dev.loupe.model.Score;
import dev.loupe.model.ScoreDataType;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.Metric;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Metrics of {@link InMemoryStorage} in plain Java over the merged rows: select the view's records
 * in the window, filter, group by time bucket and dimensions, aggregate, order, cut.
 */
final class InMemoryAnalyticsStore implements AnalyticsStore {
  private final InMemoryTables tables;

  InMemoryAnalyticsStore(InMemoryTables tables) {
    this.tables = tables;
  }

  @Override
  public List<MetricsRow> query(MetricsQuery query) {
    requireNonNull(query, "query");
    Map<List<@Nullable Object>, List<InMemoryMetricRecord>> groups = new LinkedHashMap<>();
    for (InMemoryMetricRecord r : tables.read(query.projectId(), rows -> records(query, rows))) {
      if (!InMemoryMetricFilters.matchesAll(query.filters(), r)) continue;
      groups.computeIfAbsent(groupKey(query, r), k -> new ArrayList<>()).add(r);
    }
    return groups.entrySet().stream()
        .map(g -> row(query, g.getKey(), g.getValue()))
        .sorted(InMemoryMetricsOrder.of(query))
        .limit(query.rowLimit())
        .toList();
  }

  @Override
  public List<ModelUsage> models(String projectId, Instant from, Instant to) {
    requireNonNull(projectId, "projectId");
    Map<String, long[]> counts = new LinkedHashMap<>();
    tables.read(
        projectId,
        rows -> {
          for (Observation o : rows.observations()) {
            if (o.model() == null || !within(o.startTime(), from, to)) continue;
            long[] c = counts.computeIfAbsent(o.model(), m -> new long[2]);
            c[0]++;
            if (o.costSource() == CostSource.NO_PRICE) c[1]++;
          }
          return null;
        });
    return counts.entrySet().stream()
        .map(e -> new ModelUsage(e.getKey(), e.getValue()[0], e.getValue()[1]))
        .sorted(
            Comparator.comparingLong(ModelUsage::observations)
                .reversed()
                .thenComparing(ModelUsage::model, InMemoryOrder.TEXT))
        .toList();
  }

  /** The view's records in the window; built under the read lock, used after it. */
  private static List<InMemoryMetricRecord> records(MetricsQuery q, ProjectRows rows) {
    List<InMemoryMetricRecord> records = new ArrayList<>();
    if (q.view().scores()) {
      for (Score s : rows.scores()) {
        if (!within(s.timestamp(), q.from(), q.to()) || !inView(q.view(), s.dataType())) continue;
        String traceId = s.target().traceId();
        String observationId = s.target().observationId();
        Observation scored = observationId == null ? null : rows.observation(observationId);
        records.add(
            InMemoryMetricRecord.ofScore(
                s,
                traceId == null ? null : rows.trace(traceId),
                scored,
                traceId == null ? List.of() : rows.observationsOf(traceId)));
      }
    } else if (q.view() == MetricsView.OBSERVATIONS) {
      for (Observation o : rows.observations()) {
        if (within(o.startTime(), q.from(), q.to())) {
          records.add(InMemoryMetricRecord.ofObservation(o, rows.trace(o.traceId())));
        }
      }
    } else {
      rows.traces().stream()
          .filter(t -> within(t.timestamp(), q.from(), q.to()))
          .forEach(t -> records.add(InMemoryMetricRecord.ofTrace(t, rows.observationsOf(t.id()))));
    }
    return records;
  }

  /** NUMERIC and BOOLEAN scores are numeric, CATEGORICAL ones categorical; TEXT is in neither. */
  static boolean inView(MetricsView view, ScoreDataType type) {
    return view == MetricsView.SCORES_NUMERIC
        ? type == ScoreDataType.NUMERIC || type == ScoreDataType.BOOLEAN
        : type == ScoreDataType.CATEGORICAL;
  }

  private static List<@Nullable Object> groupKey(MetricsQuery q, InMemoryMetricRecord r) {
    @Nullable Object[] key = new Object[q.dimensions().size() + 1];
    key[0] = q.granularity() == null ? null : q.granularity().bucketOf(r.time());
    for (int i = 0; i < q.dimensions().size(); i++) key[i + 1] = r.dimension(q.dimensions().get(i));
    return Arrays.asList(key);
  }

  private static MetricsRow row(
      MetricsQuery q, List<@Nullable Object> key, List<InMemoryMetricRecord> records) {
    Map<String, @Nullable String> dimensions = new LinkedHashMap<>();
    for (int i = 0; i < q.dimensions().size(); i++) {
      Dimension d = q.dimensions().get(i);
      dimensions.put(d.wireName(), (String) key.get(i + 1));
    }
    Map<String, @Nullable Object> values = new LinkedHashMap<>();
    for (Metric m : q.metrics()) values.put(m.alias(), InMemoryAggregation.aggregate(m, records));
    return new MetricsRow((Instant) key.get(0), dimensions, values);
  }

  private static boolean within(Instant t, Instant from, Instant to) {
    return !t.isBefore(from) && t.isBefore(to);
  }
}
