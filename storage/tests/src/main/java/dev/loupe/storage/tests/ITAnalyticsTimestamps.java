package dev.loupe.storage.tests;

import static dev.loupe.storage.analytics.Aggregation.COUNT;
import static dev.loupe.storage.analytics.Aggregation.MAX;
import static dev.loupe.storage.analytics.Aggregation.MIN;
import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.Storage;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Granularity;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsRow;
import dev.loupe.storage.analytics.MetricsView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The {@code timestamp} measure (first and last seen) on both views, against minima and maxima
 * computed here with plain loops from the rows written: the trace timestamp on the traces view, the
 * observation's start time on the observations view, both at microsecond precision.
 */
public abstract class ITAnalyticsTimestamps<S extends Storage> extends AnalyticsSuite<S> {
  static final Instant T = HOUR_1.plusNanos(123_457_000);

  private final List<Trace> traces = new ArrayList<>();
  private final List<Observation> observations = new ArrayList<>();

  /**
   * u1 in s1 and s2 over three days, u2 in s2 and without a session (a day before T), a trace
   * without user, and an observation whose trace row is missing (user unknown on that view).
   * Observations start before and after their trace's timestamp, so the views differ.
   */
  void people() {
    Trace t1 = trace(1, T, "u1", "s1");
    Trace t2 = trace(2, T.plus(Duration.ofHours(2)).plusNanos(7_000), "u1", "s2");
    Trace t3 = trace(3, T.plus(Duration.ofMinutes(61)).plusNanos(250_001_000), "u2", "s2");
    Trace t4 = trace(4, T.plus(Duration.ofDays(3)), "u1", "s1");
    Trace t5 = trace(5, T.plus(Duration.ofMinutes(10)), null, "s3");
    Trace t6 = trace(6, T.minus(Duration.ofDays(1)).plusNanos(1_000), "u2", null);
    Trace missing = bareTrace(9, T).userId("u9").build(); // never written
    traces.addAll(List.of(t1, t2, t3, t4, t5, t6));
    observation(t1, 1, T.minusNanos(5_000)); // before its trace's timestamp
    observation(t1, 2, T.plusSeconds(40));
    observation(t2, 3, T.plus(Duration.ofHours(3)).plusNanos(999_000));
    observation(t3, 4, T.plus(Duration.ofMinutes(62)));
    observation(t3, 5, T.plus(Duration.ofMinutes(61)).plusNanos(1_000));
    observation(t4, 6, T.plus(Duration.ofDays(3)).plusSeconds(1));
    observation(t5, 7, T.plus(Duration.ofMinutes(10)).plusNanos(2_000));
    observation(missing, 8, T.plus(Duration.ofMinutes(5)));
    // t6 has no observations
    accept(traces, observations);
  }

  private Trace trace(int n, Instant at, @Nullable String user, @Nullable String session) {
    return bareTrace(n, at).userId(user).sessionId(session).build();
  }

  private void observation(Trace trace, int n, Instant start) {
    observations.add(generation(trace, n, start).build());
  }

  @Test
  protected void traces_firstAndLastTimestampPerUser() {
    people();

    assertRows(
        run(
            traces()
                .dimension(Dimension.USER_ID)
                .metric(Measure.TIMESTAMP, MIN)
                .metric(Measure.TIMESTAMP, MAX)),
        expected(MetricsView.TRACES, Dimension.USER_ID, FROM, TO));
  }

  @Test
  protected void traces_firstAndLastTimestampPerSession() {
    people();

    assertRows(
        run(
            traces()
                .dimension(Dimension.SESSION_ID)
                .metric(Measure.TIMESTAMP, MIN)
                .metric(Measure.TIMESTAMP, MAX)),
        expected(MetricsView.TRACES, Dimension.SESSION_ID, FROM, TO));
  }

  @Test
  protected void observations_firstAndLastStartTimePerUserAndSession() {
    people();

    for (Dimension d : List.of(Dimension.USER_ID, Dimension.SESSION_ID)) {
      assertRows(
          run(
              observations()
                  .dimension(d)
                  .metric(Measure.TIMESTAMP, MIN)
                  .metric(Measure.TIMESTAMP, MAX)),
          expected(MetricsView.OBSERVATIONS, d, FROM, TO));
    }
  }

  @Test
  protected void timestamps_keepToTheWindow() {
    people();
    Instant from = T.minusNanos(1_000), to = T.plus(Duration.ofDays(1));

    for (MetricsView view : List.of(MetricsView.TRACES, MetricsView.OBSERVATIONS)) {
      List<MetricsRow> expected = expected(view, Dimension.USER_ID, from, to);
      assertThat(expected).as("the window drops records, so the check is not vacuous").isNotEmpty();
      assertRows(
          run(
              MetricsQuery.builder(PROJECT, view, from, to)
                  .dimension(Dimension.USER_ID)
                  .metric(Measure.TIMESTAMP, MIN)
                  .metric(Measure.TIMESTAMP, MAX)),
          expected);
    }
    // u1 within the window: t1 and t2, not t4 three days later
    assertThat(
            run(MetricsQuery.builder(PROJECT, MetricsView.TRACES, from, to)
                    .metric(Measure.TIMESTAMP, MAX)
                    .filter(Dimension.USER_ID, FilterOperator.EQ, "u1"))
                .get(0)
                .values())
        .containsEntry("max_timestamp", T.plus(Duration.ofHours(2)).plusNanos(7_000));
  }

  @Test
  protected void timestamps_ofNoRecordsAreNoRows() {
    people();

    for (MetricsView view : MetricsView.values()) {
      assertThat(
              run(
                  MetricsQuery.builder(PROJECT, view, TO, TO.plusSeconds(1))
                      .metric(Measure.TIMESTAMP, MAX)))
          .as(view + ": empty window")
          .isEmpty();
      assertThat(
              run(
                  MetricsQuery.builder(PROJECT, view, FROM, TO)
                      .dimension(Dimension.USER_ID)
                      .metric(Measure.TIMESTAMP, MAX)
                      .filter(Dimension.USER_ID, FilterOperator.ANY_OF, "nobody")))
          .as(view + ": unknown user")
          .isEmpty();
      assertThat(
              run(
                  MetricsQuery.builder(TestObjects.OTHER_PROJECT, view, FROM, TO)
                      .metric(Measure.TIMESTAMP, MIN)))
          .as(view + ": other project")
          .isEmpty();
    }
  }

  @Test
  protected void timestamps_orderLastSeenNewestFirstOrOldestFirst() {
    people();

    for (SortDirection direction : SortDirection.values()) {
      List<MetricsRow> expected =
          new ArrayList<>(expected(MetricsView.TRACES, Dimension.SESSION_ID, FROM, TO));
      Comparator<MetricsRow> byLast =
          Comparator.comparing(
              r -> (Instant) Objects.requireNonNull(r.values().get("max_timestamp")));
      expected.sort(direction == SortDirection.ASC ? byLast : byLast.reversed());

      assertRows(
          run(
              traces()
                  .dimension(Dimension.SESSION_ID)
                  .metric(Measure.TIMESTAMP, MIN)
                  .metric(Measure.TIMESTAMP, MAX)
                  .orderBy("max_timestamp", direction)
                  .rowLimit(3)),
          expected.subList(0, 3));
    }
  }

  @Test
  protected void timestamps_perDayBucketWithOtherMetrics() {
    people();
    Map<Instant, Instant[]> byDay = new TreeMap<>();
    Map<Instant, Long> counts = new HashMap<>();
    for (Observation o : observations) {
      Instant day = MetricsReference.bucket(Granularity.DAY, o.startTime());
      Instant[] seen =
          byDay.computeIfAbsent(day, d -> new Instant[] {o.startTime(), o.startTime()});
      if (o.startTime().isBefore(seen[0])) seen[0] = o.startTime();
      if (o.startTime().isAfter(seen[1])) seen[1] = o.startTime();
      counts.merge(day, 1L, Long::sum);
    }
    List<MetricsRow> expected = new ArrayList<>();
    byDay.forEach(
        (day, seen) ->
            expected.add(
                row(
                    day,
                    Map.of(),
                    values(
                        "count_count", counts.get(day),
                        "min_timestamp", seen[0],
                        "max_timestamp", seen[1]))));

    assertRows(
        run(
            observations()
                .granularity(Granularity.DAY)
                .metric(Measure.COUNT, COUNT)
                .metric(Measure.TIMESTAMP, MIN)
                .metric(Measure.TIMESTAMP, MAX)),
        expected);
  }

  // --- expected answers from the rows written ---

  /**
   * Per value of {@code by} (the trace's user or session; null for none or a missing trace row):
   * the earliest and latest record time in {@code [from, to)}, rows by value ascending, null last.
   */
  private List<MetricsRow> expected(MetricsView view, Dimension by, Instant from, Instant to) {
    Map<String, Trace> byId = new HashMap<>();
    for (Trace t : traces) byId.put(t.id(), t);
    Function<@Nullable Trace, @Nullable String> key =
        t -> t == null ? null : by == Dimension.USER_ID ? t.userId() : t.sessionId();
    Map<@Nullable String, Instant[]> seen =
        new TreeMap<>(Comparator.nullsLast(MetricsReference::codePoints));
    if (view == MetricsView.TRACES) {
      for (Trace t : traces) note(seen, key.apply(t), t.timestamp(), from, to);
    } else {
      for (Observation o : observations) {
        note(seen, key.apply(byId.get(o.traceId())), o.startTime(), from, to);
      }
    }
    List<MetricsRow> rows = new ArrayList<>();
    seen.forEach(
        (value, times) ->
            rows.add(
                row(
                    null,
                    dims(by.wireName(), value),
                    values("min_timestamp", times[0], "max_timestamp", times[1]))));
    return rows;
  }

  private static void note(
      Map<@Nullable String, Instant[]> seen,
      @Nullable String value,
      Instant time,
      Instant from,
      Instant to) {
    if (time.isBefore(from) || !time.isBefore(to)) return;
    Instant[] t = seen.get(value);
    if (t == null) {
      seen.put(value, new Instant[] {time, time});
      return;
    }
    if (time.isBefore(t[0])) t[0] = time;
    if (time.isAfter(t[1])) t[1] = time;
  }
}
