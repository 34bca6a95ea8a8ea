package dev.loupe.storage.duckdb;

import static dev.loupe.storage.duckdb.DuckDbAnalyticsStoreTest.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bucketed metrics served from whole buckets computed before ({@link BucketedMetrics}) give the
 * answers of the reference store after every kind of write: new rows in old days, updates, and
 * observations moved from one day to another.
 */
class BucketedMetricsTest {
  static final String P = RandomRows.PROJECT;
  static final Instant DAY0 = Instant.parse("2026-03-02T00:00:00Z");

  @TempDir Path dir;
  DuckDbStorage storage;

  @AfterEach
  void close() {
    if (storage != null) storage.close();
  }

  @Test
  void sameAnswersAsReference_whileWritesChangeOldDays() {
    InMemoryStorage memory = new InMemoryStorage();
    storage = DuckDbStorage.open(dir);
    RandomRows rows = new RandomRows(7);
    Random r = new Random(7);
    BucketedMetrics bucketed = ((DuckDbAnalyticsStore) storage.analyticsStore()).bucketed();
    int compared = 0;
    for (int round = 0; round < 12; round++) {
      WriteBatch b = spreadOverDays(rows.batches(round == 0 ? 60 : 4, 20, 80), r);
      for (WriteBatch w : List.of(b)) {
        memory.observationConsumer().accept(w);
        storage.observationConsumer().accept(w);
      }
      for (int pass = 0; pass < 2; pass++) { // the second pass reads buckets kept by the first
        for (MetricsQuery q : queries()) {
          assertThat(BucketedMetrics.applies(q)).as("cached kind: %s", q).isTrue();
          List<MetricsRow> expected = memory.analyticsStore().query(q);
          assertSameRows(q, storage.analyticsStore().query(q), expected);
          compared += expected.size();
        }
      }
    }
    assertThat(compared).as("rows compared").isGreaterThan(2_000);
    assertThat(bucketed.servedBuckets()).as("buckets served from the cache").isGreaterThan(500);
  }

  @Test
  void aWriteIntoAnOldDay_recomputesThatDayOnly() {
    storage = DuckDbStorage.open(dir);
    RandomRows rows = new RandomRows(3);
    Random r = new Random(3);
    storage.observationConsumer().accept(spreadOverDays(rows.batches(40, 10, 40), r));
    BucketedMetrics bucketed = ((DuckDbAnalyticsStore) storage.analyticsStore()).bucketed();
    MetricsQuery byDay = byDay(DAY0, DAY0.plus(Duration.ofDays(5)));
    storage.analyticsStore().query(byDay);
    long served = bucketed.servedBuckets();
    storage.analyticsStore().query(byDay);
    assertThat(bucketed.servedBuckets() - served).as("all 5 days from the cache").isEqualTo(5);

    Observation late =
        rows.observation("late-one", RandomRows.traceId(1)).toBuilder()
            .startTime(DAY0.plus(Duration.ofDays(2)).plusSeconds(3_600))
            .type(dev.loupe.model.ObservationType.GENERATION)
            .build();
    storage.observationConsumer().accept(WriteBatch.of(List.<Trace>of(), List.of(late)));
    served = bucketed.servedBuckets();
    List<MetricsRow> after = storage.analyticsStore().query(byDay);
    assertThat(bucketed.servedBuckets() - served)
        .as("4 unchanged days from the cache")
        .isEqualTo(4);
    long generationsOnDay2 =
        after.stream()
            .filter(x -> DAY0.plus(Duration.ofDays(2)).equals(x.time()))
            .mapToLong(x -> (Long) x.values().get("count_count"))
            .sum();
    InMemoryStorage memory = new InMemoryStorage();
    // the reference: everything written, in the same order
    r = new Random(3);
    rows = new RandomRows(3);
    memory.observationConsumer().accept(spreadOverDays(rows.batches(40, 10, 40), r));
    memory.observationConsumer().accept(WriteBatch.of(List.<Trace>of(), List.of(late)));
    assertSameRows(byDay, after, memory.analyticsStore().query(byDay));
    assertThat(generationsOnDay2).isPositive();
  }

  /** By-day, by-hour, by-week and by-month queries, whole days and windows cut inside a bucket. */
  static List<MetricsQuery> queries() {
    List<MetricsQuery> out = new ArrayList<>();
    Instant end = DAY0.plus(Duration.ofDays(5));
    List<Instant[]> windows =
        List.of(
            new Instant[] {DAY0, end},
            new Instant[] {DAY0.plus(Duration.ofHours(5)), end.minus(Duration.ofHours(17))},
            new Instant[] {DAY0.plus(Duration.ofDays(1)), DAY0.plus(Duration.ofDays(3))},
            new Instant[] {DAY0.minus(Duration.ofDays(40)), end.plus(Duration.ofDays(40))});
    for (Instant[] w : windows) {
      out.add(byDay(w[0], w[1]));
      for (Granularity g : List.of(Granularity.HOUR, Granularity.WEEK, Granularity.MONTH)) {
        out.add(
            MetricsQuery.builder(P, MetricsView.OBSERVATIONS, w[0], w[1])
                .granularity(g)
                .dimension(Dimension.TYPE)
                .metric(Measure.COUNT, Aggregation.COUNT)
                .metric(Measure.TOTAL_COST, Aggregation.SUM)
                .metric(Measure.LATENCY, Aggregation.P50)
                .metric(Measure.LATENCY, Aggregation.P95)
                .build());
      }
      out.add(
          MetricsQuery.builder(P, MetricsView.OBSERVATIONS, w[0], w[1])
              .granularity(Granularity.DAY)
              .dimension(Dimension.PROVIDED_MODEL_NAME)
              .filter(Dimension.LEVEL, FilterOperator.ANY_OF, "ERROR", "WARNING")
              .metric(Measure.TIME_TO_FIRST_TOKEN, Aggregation.P99)
              .metric(Measure.TOTAL_TOKENS, Aggregation.SUM)
              .rowLimit(7) // cut: the last bucket read is incomplete and never kept
              .build());
    }
    return out;
  }

  static MetricsQuery byDay(Instant from, Instant to) {
    return MetricsQuery.builder(P, MetricsView.OBSERVATIONS, from, to)
        .filter(Dimension.TYPE, FilterOperator.EQ, "GENERATION")
        .dimension(Dimension.PROVIDED_MODEL_NAME)
        .granularity(Granularity.DAY)
        .metric(Measure.COUNT, Aggregation.COUNT)
        .metric(Measure.TOTAL_COST, Aggregation.SUM)
        .metric(Measure.INPUT_TOKENS, Aggregation.SUM)
        .metric(Measure.LATENCY, Aggregation.P50)
        .metric(Measure.LATENCY, Aggregation.P99)
        .metric(Measure.ERRORS, Aggregation.AVG)
        .build();
  }

  /**
   * The batches' observations moved to random hours of five days (ids repeat: moves between days).
   */
  private static WriteBatch spreadOverDays(List<WriteBatch> batches, Random r) {
    List<Trace> traces = new ArrayList<>();
    List<Observation> observations = new ArrayList<>();
    for (WriteBatch b : batches) {
      traces.addAll(b.traces());
      for (Observation o : b.observations()) {
        Instant start =
            DAY0.plus(Duration.ofDays(r.nextInt(5)))
                .plus(Duration.ofMinutes(r.nextInt(24 * 60)))
                .plusNanos(r.nextInt(1_000_000) * 1_000L);
        Observation.Builder m = o.toBuilder().startTime(start);
        if (o.endTime() != null)
          m.endTime(start.plus(Duration.between(o.startTime(), o.endTime())));
        if (o.completionStartTime() != null) {
          m.completionStartTime(
              start.plus(Duration.between(o.startTime(), o.completionStartTime())));
        }
        observations.add(m.build());
      }
    }
    return WriteBatch.of(traces, observations);
  }
}
