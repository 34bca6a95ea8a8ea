package dev.loupe.storage.duckdb;

import static dev.loupe.storage.duckdb.SameAnswers.assertSameAnswers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.storage.InMemoryStorage;
import dev.loupe.storage.WriteBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replaced rows' payload records are reclaimed; every answer stays the same, also after reopen. */
class PayloadCompactionTest {
  private static final long ROLL = 16 << 10;

  @TempDir Path dir;
  DuckDBConnection connection;
  Session session;
  PayloadLog payloads;
  GroupWriter writer;
  PayloadCompaction compaction;
  ReadPool reads;

  @BeforeEach
  void open() throws SQLException, IOException {
    connection = Database.open(dir.resolve("loupe.duckdb"));
    Schema.apply(connection);
    session = new Session(connection);
    openLog();
    reads = new ReadPool(connection, 1);
  }

  private void openLog() throws IOException {
    payloads = PayloadLog.open(dir.resolve("payloads"), ROLL);
    writer = new GroupWriter(session, payloads, new ObservationDays(), 0);
    compaction = new PayloadCompaction(session, payloads);
  }

  @AfterEach
  void close() throws IOException {
    reads.close();
    session.close();
    payloads.close();
  }

  @Test
  void step_reclaimsReplacedRecords_andEveryRowStillReadsItsPayload()
      throws SQLException, IOException {
    InMemoryStorage spec = new InMemoryStorage();
    List<WriteBatch> batches = new RandomRows(5).batches(300, 6, 20);
    for (int from = 0; from < batches.size(); from += 5) {
      List<WriteBatch> group = batches.subList(from, Math.min(batches.size(), from + 5));
      group.forEach(spec.observationConsumer()::accept);
      assertThat(writer.write(group.stream().map(GroupWriter.Write::of).toList()))
          .containsOnlyNulls();
    }
    long before = logBytes();
    int segmentsBefore = payloads.closedSegments().size();
    assertThat(segmentsBefore).as("closed segments written").isGreaterThan(5);
    PayloadRef anyOld = PayloadRef.of((1L << 32), 0);

    int steps = 0, copiedRecords = 0;
    for (PayloadCompaction.Step s; (s = compaction.step(0.5)).segment() != 0; steps++) {
      copiedRecords += s.copiedRecords();
      assertThat(steps).isLessThan(1_000);
    }
    assertThat(steps).isEqualTo(segmentsBefore);
    assertThat(copiedRecords).as("live records copied").isBetween(1, 26);
    assertThat(payloads.retiredSegments()).isEqualTo(segmentsBefore);
    // retired, not yet deleted: a read that found a row before the move still reads its record
    assertThat(Files.exists(dir.resolve("payloads").resolve(PayloadLog.name(anyOld.segment()))))
        .isTrue();
    assertSameAnswers(spec.traceStore(), store(), RandomRows.PROJECT, 6, 20);

    payloads.deleteRetired(Duration.ZERO);
    assertThat(payloads.retiredSegments()).isZero();
    assertThat(logBytes()).as("bytes after of %d before", before).isLessThan(before / 4);
    assertSameAnswers(spec.traceStore(), store(), RandomRows.PROJECT, 6, 20);

    payloads.close();
    openLog();
    assertSameAnswers(spec.traceStore(), store(), RandomRows.PROJECT, 6, 20);
    assertThat(compaction.step(0.5).segment()).as("nothing left to compact").isZero();
  }

  @Test
  void step_leavesSegmentsMostlyLive() throws SQLException, IOException {
    InMemoryStorage spec = new InMemoryStorage();
    List<WriteBatch> batches =
        new RandomRows(6).batches(400, 100_000, 200_000); // ids rarely repeat
    for (WriteBatch b : batches) {
      spec.observationConsumer().accept(b);
      assertThat(writer.write(List.of(GroupWriter.Write.of(b)))).containsOnlyNulls();
    }
    long before = logBytes();

    assertThat(compaction.step(0.5)).isEqualTo(PayloadCompaction.Step.NONE);
    payloads.deleteRetired(Duration.ZERO);
    assertThat(payloads.closedSegments()).hasSizeGreaterThan(2);
    assertThat(logBytes()).isEqualTo(before);
  }

  @Test
  void step_onACorruptLiveRecord_failsOnce_andDoesNotCopyAgain() throws SQLException, IOException {
    List<WriteBatch> batches = new RandomRows(5).batches(300, 6, 20);
    for (int from = 0; from < batches.size(); from += 5) {
      List<WriteBatch> group = batches.subList(from, Math.min(batches.size(), from + 5));
      writer.write(group.stream().map(GroupWriter.Write::of).toList());
    }
    int segment = compaction.liveBytes().keySet().stream().min(Integer::compare).orElseThrow();
    assertThat(segment).isLessThan(payloads.currentSegment());
    long at;
    try (var rs =
        connection
            .createStatement()
            .executeQuery(
                "SELECT min(payload_at) FROM observations WHERE payload_at >> 32 = " + segment)) {
      rs.next();
      at = rs.getLong(1);
    }
    Path file = dir.resolve("payloads").resolve(PayloadLog.name(segment));
    try (var f = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      long body = (at & 0xFFFF_FFFFL) + SegmentFile.HEADER;
      f.write(java.nio.ByteBuffer.wrap(new byte[] {'#'}), body); // a live record's first byte
    }

    assertThatThrownBy(() -> compactUntil(segment))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("corrupt");
    long after = logBytes();
    for (int i = 0; i < 50 && compaction.step(0.5).segment() != 0; i++) {
      // the other segments compact; the failed one is not tried again
    }
    assertThat(payloads.closedSegments()).containsKey(segment);
    assertThat(logBytes()).as("no second copy of the failed segment").isLessThanOrEqualTo(after);
  }

  /** Steps until {@code segment} is the one a step works on (it is the least live one then). */
  private void compactUntil(int segment) throws SQLException, IOException {
    for (int i = 0; i < 1_000; i++) {
      PayloadCompaction.Step s = compaction.step(0.5);
      if (s.segment() == 0 || s.segment() == segment) return;
    }
  }

  private DuckDbTraceStore store() {
    return new DuckDbTraceStore(reads, payloads, 0);
  }

  private long logBytes() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("payloads"))) {
      long sum = 0;
      for (Path p : (Iterable<Path>) files::iterator) sum += Files.size(p);
      return sum;
    }
  }
}
