package dev.loupe.storage.duckdb;

import static dev.loupe.storage.duckdb.SameAnswers.assertSameAnswers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One write group, many batches: merged in arrival order within the group and with the stored rows.
 */
class GroupWriterTest {
  @TempDir Path dir;
  DuckDBConnection connection;
  Session session;
  GroupWriter writer;
  ReadPool reads;
  DuckDbTraceStore store;
  PayloadLog payloads;

  @BeforeEach
  void open() throws SQLException, IOException {
    connection = Database.open(dir.resolve("loupe.duckdb"));
    Schema.apply(connection);
    session = new Session(connection);
    payloads = PayloadLog.open(dir.resolve("payloads"));
    writer = new GroupWriter(session, payloads, new ObservationDays(), 0);
    reads = new ReadPool(connection, 1);
    store = new DuckDbTraceStore(reads, payloads, 0);
  }

  @AfterEach
  void close() throws IOException {
    reads.close();
    session.close();
    payloads.close();
  }

  @Test
  void write_manyBatchesPerGroupGiveTheSameAnswersAsOneByOne() throws SQLException {
    InMemoryStorage spec = new InMemoryStorage();
    List<WriteBatch> batches = new RandomRows(11).batches(400, 6, 20);
    for (int from = 0; from < batches.size(); from += 9) {
      List<WriteBatch> group = batches.subList(from, Math.min(batches.size(), from + 9));
      group.forEach(spec.observationConsumer()::accept);
      assertThat(writer.write(group.stream().map(GroupWriter.Write::of).toList()))
          .containsOnlyNulls();
    }
    assertSameAnswers(spec.traceStore(), store, RandomRows.PROJECT, 6, 20);
  }

  @Test
  void write_leavesOutOnlyTheBatchThatCannotMerge() throws SQLException {
    Trace good =
        Trace.builder(RandomRows.PROJECT, "t1", RandomRows.T0).metadata("{\"a\":1}").build();
    Trace bad = good.toBuilder().metadata("{broken").build();
    Observation o = Observation.builder(RandomRows.PROJECT, "o1", "t1", RandomRows.T0).build();

    List<RuntimeException> failures =
        writer.write(
            List.of(
                GroupWriter.Write.of(WriteBatch.of(List.of(good), List.of())),
                GroupWriter.Write.of(WriteBatch.of(List.of(bad), List.of(o))),
                GroupWriter.Write.of(WriteBatch.of(List.of(), List.of(o)))));

    assertThat(failures.get(0)).isNull();
    assertThat(failures.get(1)).hasMessageContaining("not JSON");
    assertThat(failures.get(2)).isNull();
    assertThat(store.getTrace(RandomRows.PROJECT, "t1").orElseThrow().observations())
        .containsExactly(o);
  }

  @Test
  void write_aFailedGroupLeavesNothingBehindAndTheNextGroupWorks() throws SQLException {
    session.execute("DROP INDEX trace_writes_key"); // DuckDB renames no table with an index
    session.execute("ALTER TABLE trace_writes RENAME TO trace_writes_away");
    WriteBatch batch = DuckDbStorageTest.agentBatch(1, 1);

    assertThatThrownBy(() -> writer.write(List.of(GroupWriter.Write.of(batch))))
        .isInstanceOf(SQLException.class);
    session.execute("ALTER TABLE trace_writes_away RENAME TO trace_writes");
    session.execute(SchemaV9.DDL);

    assertThat(store.searchTraces(TraceQuery.builder(RandomRows.PROJECT).build()).totalItems())
        .isZero();
    assertThat(
            store
                .searchObservations(ObservationQuery.builder(RandomRows.PROJECT).build())
                .totalItems())
        .isZero();
    assertThat(writer.write(List.of(GroupWriter.Write.of(batch)))).containsOnlyNulls();
    assertThat(
            store
                .searchObservations(ObservationQuery.builder(RandomRows.PROJECT).build())
                .totalItems())
        .isEqualTo(30);
  }

  @Test
  void write_aPayloadLogFailureMidStreamFailsTheGroupAndTheNextGroupWorks() throws Exception {
    payloads.close();
    // ~470 bytes a record: the roll comes after DuckDB took the first vector of the group's rows
    payloads = PayloadLog.open(dir.resolve("payloads"), 1 << 20);
    writer = new GroupWriter(session, payloads, new ObservationDays(), 0);
    Path next = dir.resolve("payloads").resolve(PayloadLog.name(payloads.currentSegment() + 1));
    Files.createDirectory(next); // where the next segment would go: the roll fails
    List<Observation> rows = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      rows.add(
          Observation.builder(RandomRows.PROJECT, "o" + i, "t" + i / 8, RandomRows.T0)
              .input("{\"question\":\"" + "q".repeat(400) + i + "\"}")
              .build());
    }
    WriteBatch batch = WriteBatch.of(List.of(), rows);

    assertThatThrownBy(() -> writer.write(List.of(GroupWriter.Write.of(batch))))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("payload log write failed");
    assertThat(
            store
                .searchObservations(ObservationQuery.builder(RandomRows.PROJECT).build())
                .totalItems())
        .isZero();

    Files.delete(next);
    assertThat(writer.write(List.of(GroupWriter.Write.of(batch)))).containsOnlyNulls();
    store = new DuckDbTraceStore(reads, payloads, 0);
    assertThat(
            store
                .searchObservations(ObservationQuery.builder(RandomRows.PROJECT).build())
                .totalItems())
        .isEqualTo(5_000);
    assertThat(
            store
                .searchObservations(
                    ObservationQuery.builder(RandomRows.PROJECT).traceId("t624").build())
                .items())
        .extracting(Observation::input)
        .contains("{\"question\":\"" + "q".repeat(400) + 4999 + "\"}");
  }
}
