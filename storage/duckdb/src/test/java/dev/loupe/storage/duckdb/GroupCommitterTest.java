package dev.loupe.storage.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.storage.MergeHook;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.WriteBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit and the callers waiting on it: a batch whose rows the transaction refuses fails
 * alone, and the batches committed in the same group are stored and acknowledged.
 */
class GroupCommitterTest {
  /** A time the TIMESTAMP column cannot hold (its microseconds overflow a long). */
  static final Instant FAR = Instant.parse("+999999999-12-31T23:59:59Z");

  @TempDir Path dir;
  DuckDBConnection connection;
  Session session;
  PayloadLog payloads;
  ReadPool reads;
  DuckDbTraceStore store;
  GroupCommitter committer;
  final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeEach
  void open() throws SQLException, IOException {
    connection = Database.open(dir.resolve("loupe.duckdb"));
    Schema.apply(connection);
    session = new Session(connection);
    payloads = PayloadLog.open(dir.resolve("payloads"));
    reads = new ReadPool(connection, 1);
    store = new DuckDbTraceStore(reads, payloads, 0);
    committer =
        new GroupCommitter(
            new GroupWriter(session, payloads, new ObservationDays(), 0),
            session,
            new PayloadCompaction(session, payloads));
  }

  @AfterEach
  void close() throws IOException {
    committer.close(); // fails what is still queued, so no caller waits forever
    callers.close();
    reads.close();
    session.close();
    payloads.close();
  }

  @Test
  void accept_aBatchTheTransactionRefusesFailsAloneAndItsGroupIsStored() throws Exception {
    List<CompletableFuture<Void>> good = new ArrayList<>();
    for (int i = 0; i < 3; i++) good.add(acceptLater(batch("good-" + i, RandomRows.T0)));
    CompletableFuture<Void> bad = acceptLater(batch("bad", FAR));
    for (int i = 3; i < 6; i++) good.add(acceptLater(batch("good-" + i, RandomRows.T0)));
    while (committer.queued() < 7) Thread.sleep(1);

    committer.start(); // the seven queued batches make one group

    for (CompletableFuture<Void> f : good) f.get();
    assertThat(bad)
        .failsWithin(java.time.Duration.ofSeconds(30))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .havingCause()
        .isInstanceOf(StorageException.class);
    assertThat(traceIds())
        .containsExactlyInAnyOrder("good-0", "good-1", "good-2", "good-3", "good-4", "good-5");
    assertThat(store.getTrace(RandomRows.PROJECT, "good-4").orElseThrow().observations())
        .hasSize(1);
  }

  @Test
  void accept_concurrentCallersBesideBadBatchesAreAllStored() throws Exception {
    committer.start();
    List<CompletableFuture<Void>> good = new ArrayList<>();
    List<CompletableFuture<Void>> bad = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      if (i % 10 == 3) bad.add(acceptLater(batch("bad-" + i, FAR)));
      else good.add(acceptLater(batch("good-" + i, RandomRows.T0)));
    }

    for (CompletableFuture<Void> f : good) f.get();
    for (CompletableFuture<Void> f : bad) {
      assertThat(f).failsWithin(java.time.Duration.ofSeconds(30));
    }
    assertThat(traceIds()).hasSize(180).allMatch(id -> id.startsWith("good-"));
    assertThat(committer.groups()).isLessThan(200); // the callers did share groups
  }

  @Test
  void close_afterASaturatedRun_givesDuckDbItsThreadsAndVacuumBack() throws Exception {
    long threads = setting("threads"), vacuum = setting("max_vacuum_tasks");
    committer.start();
    for (int g = 0; g < BacklogMode.BUSY_GROUPS; g++)
      committer.accept(large("t" + g), MergeHook.NONE);
    assertThat(setting("threads")).isEqualTo(1); // saturated: full-size groups in a row
    assertThat(setting("max_vacuum_tasks")).isZero();

    committer.close(); // the storage checkpoints after this: with vacuum, on every thread

    assertThat(setting("threads")).isEqualTo(threads);
    assertThat(setting("max_vacuum_tasks")).isEqualTo(vacuum);
  }

  /** A batch as large as an applier that is behind hands over. */
  static WriteBatch large(String traceId) {
    List<Observation> observations = new ArrayList<>();
    for (int i = 0; i < GroupCommitter.MAX_GROUP_ROWS / 4; i++) {
      observations.add(
          Observation.builder(RandomRows.PROJECT, traceId + "-" + i, traceId, RandomRows.T0)
              .name("step")
              .build());
    }
    return WriteBatch.of(
        List.of(Trace.builder(RandomRows.PROJECT, traceId, RandomRows.T0).build()), observations);
  }

  long setting(String name) throws SQLException {
    try (java.sql.Statement s = connection.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')::BIGINT")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  CompletableFuture<Void> acceptLater(WriteBatch batch) {
    return CompletableFuture.runAsync(() -> committer.accept(batch, MergeHook.NONE), callers);
  }

  static WriteBatch batch(String traceId, Instant start) {
    return WriteBatch.of(
        List.of(Trace.builder(RandomRows.PROJECT, traceId, RandomRows.T0).name(traceId).build()),
        List.of(
            Observation.builder(RandomRows.PROJECT, traceId + "-o", traceId, start)
                .name("step")
                .build()));
  }

  List<String> traceIds() {
    return store
        .searchTraces(TraceQuery.builder(RandomRows.PROJECT).paging(1, 1000).build())
        .items()
        .stream()
        .map(s -> s.trace().id())
        .toList();
  }
}
