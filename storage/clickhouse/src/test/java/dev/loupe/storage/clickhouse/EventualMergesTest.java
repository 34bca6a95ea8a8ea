package dev.loupe.storage.clickhouse;

import static dev.loupe.storage.tests.TestObjects.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Level;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.SessionQuery;
import dev.loupe.storage.TraceDetail;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.tests.TestObjects;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SPI's answers hold whether or not ClickHouse has merged the versions of a row: with merges
 * stopped, every version of a trace and an observation sits in a part of its own, and reads still
 * see only the newest; a row that moves to another month (partition) or trace leaves no live copy
 * behind, before and after OPTIMIZE ... FINAL.
 */
class EventualMergesTest {
  ClickHouseStorage storage;

  @BeforeEach
  void open() {
    storage = TestClickHouse.open();
    storage.sql().execute("SYSTEM STOP MERGES traces");
    storage.sql().execute("SYSTEM STOP MERGES observations");
  }

  @AfterEach
  void close() {
    storage.close();
  }

  @Test
  void unmergedVersionsNeverShow() {
    Trace trace = TestObjects.trace("t-1");
    Observation generation = TestObjects.generation(trace, "o-1", trace.timestamp());
    write(trace, generation);
    Trace moved = Trace.builder(PROJECT, "t-1", trace.timestamp()).sessionId("session-2").build();
    Observation failed =
        Observation.builder(PROJECT, "o-1", "t-1", trace.timestamp())
            .level(Level.ERROR)
            .model("gpt-4o")
            .costDetails(Map.of("total", new BigDecimal("0.5")))
            .costSource(dev.loupe.model.CostSource.PROVIDED)
            .build();
    write(moved, failed);
    write(moved, failed); // a re-send: no new version

    assertThat(rows("traces")).as("versions unmerged").isEqualTo(2);
    assertThat(rows("observations")).isEqualTo(2);
    TraceDetail stored = storage.traceStore().getTrace(PROJECT, "t-1").orElseThrow();
    assertThat(stored.trace()).isEqualTo(trace.mergedWith(moved));
    assertThat(stored.observations()).containsExactly(generation.mergedWith(failed));
    assertThat(traces(TraceQuery.builder(PROJECT).sessionId("session-77"))).isZero();
    assertThat(traces(TraceQuery.builder(PROJECT).sessionId("session-2"))).isEqualTo(1);
    assertThat(traces(TraceQuery.builder(PROJECT).model("gpt-4o-mini"))).isZero();
    assertThat(traces(TraceQuery.builder(PROJECT).level(Level.ERROR))).isEqualTo(1);
    assertThat(observations(ObservationQuery.builder(PROJECT).level(Level.DEFAULT))).isZero();
    assertThat(observations(ObservationQuery.builder(PROJECT).sessionId("session-77"))).isZero();
    assertThat(
            storage
                .traceStore()
                .searchTraces(TraceQuery.builder(PROJECT).build())
                .items()
                .getFirst()
                .totalCost())
        .isEqualByComparingTo("0.5");
    assertThat(storage.traceStore().searchSessions(SessionQuery.builder(PROJECT).build()).items())
        .extracting(s -> s.id())
        .containsExactly("session-2");
  }

  @Test
  void rowsMovedToAnotherMonthOrTraceLeaveNoLiveCopy() {
    Instant april = Instant.parse("2026-04-01T00:00:10Z"), march = april.minusSeconds(60);
    Trace a = Trace.builder(PROJECT, "t-a", april).build();
    Trace b = Trace.builder(PROJECT, "t-b", april).build();
    Observation o = Observation.builder(PROJECT, "o-1", "t-a", april).name("step").build();
    write(List.of(a, b), List.of(o));
    Observation earlier = Observation.builder(PROJECT, "o-1", "t-b", march).build();
    write(List.of(Trace.builder(PROJECT, "t-a", march).build()), List.of(earlier));

    for (int pass = 0; pass < 2; pass++) {
      assertThat(storage.traceStore().getTrace(PROJECT, "t-a").orElseThrow().trace().timestamp())
          .isEqualTo(march);
      assertThat(storage.traceStore().getTrace(PROJECT, "t-a").orElseThrow().observations())
          .isEmpty();
      assertThat(storage.traceStore().getTrace(PROJECT, "t-b").orElseThrow().observations())
          .containsExactly(o.mergedWith(earlier));
      assertThat(traces(TraceQuery.builder(PROJECT))).isEqualTo(2);
      assertThat(observations(ObservationQuery.builder(PROJECT))).isEqualTo(1);
      assertThat(
              observations(ObservationQuery.builder(PROJECT).fromStartTime(april.minusSeconds(10))))
          .isZero();
      storage.sql().execute("SYSTEM START MERGES traces");
      storage.sql().execute("SYSTEM START MERGES observations");
      storage.sql().execute("OPTIMIZE TABLE traces FINAL");
      storage.sql().execute("OPTIMIZE TABLE observations FINAL");
    }
    assertThat(rows("traces WHERE id = 't-a' AND _partition_id = '202604' AND NOT is_deleted"))
        .as("merges retired the April copy")
        .isZero();
    assertThat(rows("observations WHERE trace_id = 't-a' AND NOT is_deleted"))
        .as("and the copy under the old trace")
        .isZero();
  }

  private void write(Trace t, Observation o) {
    write(List.of(t), List.of(o));
  }

  private void write(List<Trace> t, List<Observation> o) {
    storage.observationConsumer().accept(WriteBatch.of(t, o));
  }

  private long rows(String table) {
    return storage.sql().queryLong("SELECT toInt64(count()) FROM " + table, Map.of());
  }

  private long traces(TraceQuery.Builder q) {
    return storage.traceStore().searchTraces(q.build()).totalItems();
  }

  private long observations(ObservationQuery.Builder q) {
    return storage.traceStore().searchObservations(q.build()).totalItems();
  }
}
