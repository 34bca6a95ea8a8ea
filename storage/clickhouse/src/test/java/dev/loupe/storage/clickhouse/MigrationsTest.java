package dev.loupe.storage.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.tests.TestObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schema steps: applied once, in order, recorded; a schema newer than the code is refused. */
class MigrationsTest {

  @Test
  void openCreatesTheDatabaseAndRecordsEveryStepOnce() {
    ClickHouseSettings settings = TestClickHouse.freshDatabase();
    try (ClickHouseStorage storage = ClickHouseStorage.open(settings)) {
      assertThat(storage.check().ok()).isTrue();
    }
    try (ClickHouseStorage again = ClickHouseStorage.open(settings)) {
      List<Integer> versions =
          again
              .sql()
              .query(
                  "SELECT toInt32(version) FROM schema_migrations ORDER BY version",
                  Map.of(),
                  RowBinaryIn::int32);
      assertThat(versions)
          .containsExactlyElementsOf(
              SchemaResources.all().stream().map(Migration::version).toList());
    }
  }

  @Test
  void aSchemaNewerThanTheCodeIsRefusedWithTheStepsNamed() {
    ClickHouseSettings settings = TestClickHouse.freshDatabase();
    try (ClickHouseStorage storage = ClickHouseStorage.open(settings)) {
      storage
          .sql()
          .execute("INSERT INTO schema_migrations SELECT 999, 'from-the-future', now64(3), 'test'");
    }

    assertThatThrownBy(() -> ClickHouseStorage.open(settings))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("[999]")
        .hasMessageContaining("newer than this node");
  }

  @Test
  void nodesOpeningTogetherApplyEachStepOnce() throws Exception {
    ClickHouseSettings settings = TestClickHouse.freshDatabase();
    List<Thread> nodes = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 3; i++) {
      nodes.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (ClickHouseStorage s = ClickHouseStorage.open(settings)) {
                      assertThat(s.check().ok()).isTrue();
                    } catch (Throwable t) {
                      failures.add(t);
                    }
                  }));
    }
    for (Thread t : nodes) t.join();

    assertThat(failures).isEmpty();
    try (ClickHouseStorage s = ClickHouseStorage.open(settings)) {
      assertThat(
              s.sql()
                  .queryLong(
                      "SELECT toInt64(count()) - toInt64(uniqExact(version)) FROM schema_migrations",
                      Map.of()))
          .as("no step recorded twice")
          .isZero();
    }
  }

  /**
   * A database written before step 002 (trace_keys, observation_keys) gets the keys of its stored
   * rows on upgrade, so a later update of one merges into the stored row instead of replacing it.
   */
  @Test
  void upgradingToKeyTablesKeepsUpdatesMergingIntoRowsStoredBefore() {
    ClickHouseSettings settings = TestClickHouse.freshDatabase();
    Trace trace = TestObjects.trace("t-1");
    Observation first =
        Observation.builder(TestObjects.PROJECT, "o-1", "t-1", trace.timestamp())
            .name("call")
            .input("\"question\"")
            .build();
    try (ClickHouseStorage storage = ClickHouseStorage.open(settings)) {
      storage.observationConsumer().accept(WriteBatch.of(List.of(trace), List.of(first)));
      // as a build before step 002 left it: no keys, the step not recorded
      storage.sql().execute("TRUNCATE TABLE trace_keys");
      storage.sql().execute("TRUNCATE TABLE observation_keys");
      storage.sql().execute("DELETE FROM schema_migrations WHERE version = 2");
    }
    Observation update =
        Observation.builder(TestObjects.PROJECT, "o-1", "t-1", trace.timestamp())
            .output("\"answer\"")
            .build();
    Trace traceUpdate =
        Trace.builder(TestObjects.PROJECT, "t-1", trace.timestamp()).userId("user-9").build();
    try (ClickHouseStorage storage = ClickHouseStorage.open(settings)) {
      storage.observationConsumer().accept(WriteBatch.of(List.of(traceUpdate), List.of(update)));
      assertThat(storage.traceStore().getTrace(TestObjects.PROJECT, "t-1").orElseThrow().trace())
          .isEqualTo(trace.mergedWith(traceUpdate));
      Observation stored =
          storage.traceStore().getObservation(TestObjects.PROJECT, "o-1").orElseThrow();
      assertThat(stored).isEqualTo(first.mergedWith(update));
      assertThat(stored.input()).isEqualTo("\"question\"");
      assertThat(stored.output()).isEqualTo("\"answer\"");
    }
  }

  @Test
  void statementsSplitAtSemicolonsEndingALineAndSkipComments() {
    Migration m =
        new Migration(
            7,
            "x",
            "-- a comment; not a statement\nCREATE TABLE a (x Int8)\nENGINE = Log;\n\nSELECT 1;\n");
    assertThat(m.statements()).containsExactly("CREATE TABLE a (x Int8)\nENGINE = Log", "SELECT 1");
  }
}
