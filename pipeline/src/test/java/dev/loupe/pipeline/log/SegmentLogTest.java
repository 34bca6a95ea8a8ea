package dev.loupe.pipeline.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.Trace;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.files.AppendFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded log on real files: group commit, reading back in order, restart, roll and
 * compaction, and the defined outcomes of a full disk, a torn tail and a corrupt record.
 */
class SegmentLogTest {
  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir Path dir;

  @Test
  void append_fromManyThreadsSharesSyncsAndReadsBackEveryRecordInOffsetOrder() throws Exception {
    Map<Long, WriteBatch> acknowledged = new ConcurrentHashMap<>();
    try (SegmentLog log = SegmentLog.open(dir, 0)) {
      try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
          int thread = t;
          done.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 50; i++) {
                      WriteBatch b = batch(thread * 1000 + i);
                      acknowledged.put(log.append(b).offsets().get(0), b);
                    }
                  }));
        }
        for (Future<?> f : done) f.get();
      }

      assertThat(acknowledged.keySet()).hasSize(800).allMatch(o -> o >= 0 && o < 800);
      assertThat(log.end()).isEqualTo(Map.of(0, 800L));
      assertThat(log.state().syncs()).isLessThan(800);
      assertThat(log.state().appendedRecords()).isEqualTo(800);
      List<LogEntry> read = readAll(log, 0);
      assertThat(read).extracting(LogEntry::offset).isSorted().hasSize(800);
      for (LogEntry e : read) assertThat(e.batch()).isEqualTo(acknowledged.get(e.offset()));
    }
  }

  @Test
  void reopen_continuesTheNumberingAndAReaderStartsAtItsPosition() {
    try (SegmentLog log = SegmentLog.open(dir, 0)) {
      for (int i = 0; i < 10; i++) log.append(batch(i));
    }
    try (SegmentLog log = SegmentLog.open(dir, 0)) {
      assertThat(log.append(batch(10)).offsets()).isEqualTo(Map.of(0, 10L));

      assertThat(readAll(log, 7)).extracting(LogEntry::offset).containsExactly(7L, 8L, 9L, 10L);
      assertThat(readAll(log, 7).getFirst().batch()).isEqualTo(batch(7));
    }
  }

  @Test
  void open_belowTheStoresPosition_continuesNumberingFromIt() throws IOException {
    try (SegmentLog log = SegmentLog.open(dir.resolve("fresh"), 100)) {
      assertThat(log.append(batch(1)).offsets()).isEqualTo(Map.of(0, 100L));
      assertThat(readAll(log, 100)).extracting(LogEntry::offset).containsExactly(100L);
    }
    try (SegmentLog log = SegmentLog.open(dir, 0)) {
      for (int i = 0; i < 5; i++) log.append(batch(i));
    }
    try (SegmentLog log = SegmentLog.open(dir, 50)) {
      assertThat(log.append(batch(50)).offsets()).isEqualTo(Map.of(0, 50L));
      assertThat(readAll(log, 50)).extracting(LogEntry::offset).containsExactly(50L);
    }
  }

  @Test
  void roll_startsSegmentsAndCompactionDeletesOnlyThoseWhollyApplied() throws Exception {
    try (SegmentLog log = SegmentLog.open(dir, 0, 4096, SegmentLog.Opener.FILES)) {
      for (int i = 0; i < 40; i++) log.append(batch(i));
      int segments = log.state().segments();
      assertThat(segments).isGreaterThan(3).isEqualTo(segmentFiles().size());
      // the open segment may end with the padding of its last, partly filled block (a direct write)
      assertThat(bytesOnDisk() - log.state().bytes())
          .isNotNegative()
          .isLessThan(AppendFile.blockSize(dir));

      try (LogReader reader = log.reader(p -> 0)) {
        List<LogEntry> first = reader.poll(20, Long.MAX_VALUE, WAIT);
        assertThat(first).extracting(LogEntry::offset).startsWith(0L).endsWith(19L);
        reader.applied(Map.of(0, 20L));

        List<Path> left = segmentFiles();
        assertThat(left).hasSizeLessThan(segments);
        assertThat(log.state().compactedSegments()).isEqualTo(segments - left.size());
        long oldestKept = Long.parseLong(left.getFirst().getFileName().toString().substring(0, 20));
        assertThat(oldestKept).isLessThanOrEqualTo(20);

        assertThat(reader.poll(100, Long.MAX_VALUE, WAIT))
            .extracting(LogEntry::offset)
            .startsWith(20L)
            .endsWith(39L);
        reader.applied(Map.of(0, 40L));
        assertThat(segmentFiles()).hasSize(1); // the segment being written stays
      }
    }
  }

  @Test
  void poll_answersAsSoonAsARecordIsAppended() throws Exception {
    try (SegmentLog log = SegmentLog.open(dir, 0);
        LogReader reader = log.reader(p -> 0);
        ExecutorService pool = Executors.newSingleThreadExecutor()) {
      Future<List<LogEntry>> polled = pool.submit(() -> reader.poll(10, Long.MAX_VALUE, WAIT));
      Thread.sleep(100); // let the reader wait first
      long t0 = System.nanoTime();
      log.append(batch(1));

      assertThat(polled.get()).extracting(LogEntry::offset).containsExactly(0L);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void lag_countsRecordsNotYetAppliedAndTheAgeOfTheOldest() throws Exception {
    try (SegmentLog log = SegmentLog.open(dir, 0)) {
      assertThat(log.lag(Map.of(0, 0L))).isEqualTo(Lag.NONE);
      log.append(batch(0));
      Thread.sleep(50);
      log.append(batch(1));

      Lag lag = log.lag(Map.of());
      assertThat(lag.records()).isEqualTo(2);
      assertThat(lag.age()).isGreaterThanOrEqualTo(Duration.ofMillis(50));
      assertThat(log.lag(Map.of(0, 1L)).age()).isLessThan(lag.age());
      assertThat(log.lag(Map.of(0, 2L))).isEqualTo(Lag.NONE);
    }
  }

  @Test
  void tornTail_isCutOnOpenAndEveryAcknowledgedRecordIsKept() throws IOException {
    try (SegmentLog log = SegmentLog.open(dir, 0)) {
      for (int i = 0; i < 5; i++) log.append(batch(i));
    }
    Path segment = segmentFiles().getLast();
    long whole = Files.size(segment);
    // a crash while writing the next group: a header promising 1000 bytes, then 30 of them
    ByteBuffer torn = ByteBuffer.allocate(38).putInt(1000).putInt(12345).putLong(5).flip();
    try (FileChannel c = FileChannel.open(segment, StandardOpenOption.APPEND)) {
      c.write(torn);
    }

    try (SegmentLog log = SegmentLog.open(dir, 0)) {
      assertThat(Files.size(segment)).isEqualTo(whole);
      assertThat(log.append(batch(5)).offsets()).isEqualTo(Map.of(0, 5L));
      List<LogEntry> read = readAll(log, 0);
      assertThat(read).extracting(LogEntry::offset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
      assertThat(read.get(4).batch()).isEqualTo(batch(4));
      assertThat(log.state().corruptBytes()).isZero();
    }
  }

  @Test
  void tornTail_aWholeLookingLastRecordWithABadChecksumIsCut() throws IOException {
    try (SegmentLog log = SegmentLog.open(dir, 0)) {
      for (int i = 0; i < 3; i++) log.append(batch(i));
    }
    Path segment = segmentFiles().getLast();
    long size = Files.size(segment);
    flipByte(segment, size - 3); // inside the last record's body

    try (SegmentLog log = SegmentLog.open(dir, 0)) {
      assertThat(readAll(log, 0)).extracting(LogEntry::offset).containsExactly(0L, 1L);
      assertThat(log.append(batch(9)).offsets()).isEqualTo(Map.of(0, 2L));
    }
  }

  @Test
  void corruptRecord_inTheMiddleIsSkippedWithTheBytesCountedAndTheRestRead() throws IOException {
    List<Long> ends = new ArrayList<>();
    try (SegmentLog log = SegmentLog.open(dir, 0)) {
      for (int i = 0; i < 10; i++) {
        log.append(batch(i));
        ends.add(log.state().bytes());
      }
    }
    Path segment = segmentFiles().getLast();
    flipByte(segment, ends.get(4) + 30); // inside record 5

    try (SegmentLog log = SegmentLog.open(dir, 0)) {
      assertThat(Files.size(segment)).isEqualTo(ends.getLast()); // not taken for a torn tail
      List<LogEntry> read = readAll(log, 0);
      assertThat(read)
          .extracting(LogEntry::offset)
          .containsExactly(0L, 1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L);
      for (LogEntry e : read) assertThat(e.batch()).isEqualTo(batch((int) e.offset()));
      assertThat(log.state().corruptBytes()).isEqualTo(ends.get(5) - ends.get(4));
      assertThat(log.append(batch(10)).offsets()).isEqualTo(Map.of(0, 10L));
    }
  }

  @Test
  void corruptRecord_inAnOlderSegmentIsSkippedAndReadingGoesOn() throws IOException {
    try (SegmentLog log = SegmentLog.open(dir, 0, 4096, SegmentLog.Opener.FILES)) {
      for (int i = 0; i < 30; i++) log.append(batch(i));
    }
    Path first = segmentFiles().getFirst();
    flipByte(first, 40);

    try (SegmentLog log = SegmentLog.open(dir, 0, 4096, SegmentLog.Opener.FILES)) {
      List<LogEntry> read = readAll(log, 0);
      assertThat(read).extracting(LogEntry::offset).doesNotContain(0L).contains(1L, 29L);
      assertThat(read).hasSize(29);
      assertThat(log.state().corruptBytes()).isPositive();
    }
  }

  @Test
  void fullDisk_failsTheAppendClearlyKeepsWhatWasAcknowledgedAndRecoversWhenRoomReturns()
      throws Exception {
    AtomicLong used = new AtomicLong(), room = new AtomicLong(Long.MAX_VALUE);
    SegmentLog.Opener disk = FullDiskChannel.opener(used, room);
    Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    try (SegmentLog log = SegmentLog.open(dir, 0, SegmentLog.ROLL_BYTES, disk)) {
      for (int i = 0; i < 5; i++) acknowledged.add(log.append(batch(i)).offsets().get(0));
      room.set(used.get() + 100); // less than one more record

      assertThatThrownBy(() -> log.append(batch(5)))
          .isInstanceOf(LogFullException.class)
          .hasMessageContaining("no space left on device")
          .hasMessageContaining("nothing of them was acknowledged")
          .satisfies(e -> assertThat(((StorageException) e).overCapacity()).isTrue());
      assertThat(log.state().error()).contains("no space left");
      // concurrent appends while full: each is acknowledged or refused, never half
      List<Integer> refused = Collections.synchronizedList(new ArrayList<>());
      try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 6; i < 30; i++) {
          int n = i;
          done.add(
              pool.submit(
                  () -> {
                    try {
                      acknowledged.add(log.append(batch(n)).offsets().get(0));
                    } catch (LogFullException e) {
                      refused.add(n);
                    }
                  }));
        }
        for (Future<?> f : done) f.get();
      }
      assertThat(refused).hasSize(24);

      room.set(Long.MAX_VALUE); // space returns
      acknowledged.add(log.append(batch(30)).offsets().get(0));
      assertThat(log.state().error()).isNull();
      assertThat(readAll(log, 0))
          .extracting(LogEntry::offset)
          .containsExactlyInAnyOrderElementsOf(acknowledged);
    }
    try (SegmentLog log = SegmentLog.open(dir, 0)) { // nothing torn is left behind either
      List<LogEntry> read = readAll(log, 0);
      assertThat(read).extracting(LogEntry::offset).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
      assertThat(read.getLast().batch()).isEqualTo(batch(30));
    }
  }

  @Test
  void close_refusesLaterAppendsAsOverCapacity() {
    SegmentLog log = SegmentLog.open(dir, 0);
    log.close();

    assertThatThrownBy(() -> log.append(batch(1)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("closed");
  }

  static WriteBatch batch(int n) {
    Trace trace = Trace.builder("p1", "t" + n, T0).name("run " + n).build();
    Observation o =
        Observation.builder("p1", "o" + n, trace.id(), T0)
            .type(ObservationType.GENERATION)
            .model("gpt-4o")
            .input("{\"messages\":[\"" + "x".repeat(n % 7 * 100) + "\"]}")
            .usageDetails(Map.of("input", 10L + n))
            .build();
    return WriteBatch.of(List.of(trace), List.of(o));
  }

  private static List<LogEntry> readAll(IngestLog log, long from) {
    try (LogReader reader = log.reader(p -> from)) {
      List<LogEntry> all = new ArrayList<>();
      for (List<LogEntry> got;
          !(got = reader.poll(1000, Long.MAX_VALUE, Duration.ZERO)).isEmpty(); ) all.addAll(got);
      return all;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
    }
  }

  private long bytesOnDisk() throws IOException {
    long sum = 0;
    for (Path p : segmentFiles()) sum += Files.size(p);
    return sum;
  }

  private static void flipByte(Path file, long at) throws IOException {
    try (FileChannel c =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      c.read(b, at);
      b.put(0, (byte) (b.get(0) ^ 0x5A)).rewind();
      c.write(b, at);
    }
  }
}
