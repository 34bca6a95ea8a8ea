package dev.loupe.pipeline.kafka;

import static dev.loupe.pipeline.kafka.Rows.batch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.cluster.LocalKafka;
import dev.loupe.model.Observation;
import dev.loupe.model.Trace;
import dev.loupe.pipeline.log.Appended;
import dev.loupe.pipeline.log.LogEntry;
import dev.loupe.pipeline.log.LogReader;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.WriteBatch;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log against a real broker (KRaft, in this JVM). */
class KafkaIngestLogTest {
  private static final AtomicInteger TOPICS = new AtomicInteger();
  @TempDir static Path shared;
  private static LocalKafka kafka;

  @TempDir Path dir;

  @BeforeAll
  static void startBroker() {
    kafka = LocalKafka.start(shared.resolve("kafka"));
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) kafka.close();
  }

  static KafkaSettings settings(String servers, int partitions) {
    int n = TOPICS.incrementAndGet();
    return KafkaSettings.of(servers)
        .withTopic("t" + n)
        .withGroup("g" + n)
        .withPartitions(partitions)
        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(2));
  }

  @Test
  void appendedRecordsAreReadInOrderPerPartitionAndATraceStaysInOnePartition() throws Exception {
    try (KafkaIngestLog log = KafkaIngestLog.open(settings(kafka.bootstrapServers(), 4))) {
      assertThat(log.partitions()).isEqualTo(4);
      List<Appended> acks = new ArrayList<>();
      for (int i = 0; i < 50; i++) acks.add(log.append(batch(i * 10, 10)));
      // updates of the same traces, later: they must follow their creates in one partition
      for (int i = 0; i < 50; i++) log.append(batch(i * 10, 10));
      long records = log.end().values().stream().mapToLong(Long::longValue).sum();
      assertThat(records).isGreaterThanOrEqualTo(100); // at least one record per append
      assertThat(acks.getFirst().offsets()).isNotEmpty();

      List<LogEntry> read = readAll(log, records);
      Map<Integer, Long> last = new HashMap<>();
      Map<String, Set<Integer>> partitionsOfTrace = new HashMap<>();
      Map<String, Integer> writesOfTrace = new HashMap<>();
      for (LogEntry e : read) {
        assertThat(e.offset()).isGreaterThan(last.getOrDefault(e.partition(), -1L));
        last.put(e.partition(), e.offset());
        WriteBatch rows = e.batch(); // the embedded log's codec
        for (Trace t : rows.traces()) {
          partitionsOfTrace.computeIfAbsent(t.id(), x -> new HashSet<>()).add(e.partition());
          writesOfTrace.merge(t.id(), 1, Integer::sum);
          assertThat(e.partition()).isEqualTo(TracePartitions.partition(t.projectId(), t.id(), 4));
        }
        for (Observation o : rows.observations())
          partitionsOfTrace.computeIfAbsent(o.traceId(), x -> new HashSet<>()).add(e.partition());
      }
      assertThat(partitionsOfTrace).hasSize(500);
      assertThat(partitionsOfTrace.values()).allSatisfy(p -> assertThat(p).hasSize(1));
      assertThat(writesOfTrace.values()).containsOnly(2);
      assertThat(new HashSet<>(last.keySet())).hasSizeGreaterThan(1); // spread over partitions
    }
  }

  /**
   * The read barrier's target on one node: every append another node had acknowledged when {@code
   * end()} was called, from the node's first moment (before its offset watcher ever ran) on.
   */
  @Test
  void endSeesAppendsAcknowledgedThroughAnotherNodeAtOnce() {
    KafkaSettings s = settings(kafka.bootstrapServers(), 3);
    try (KafkaIngestLog a = KafkaIngestLog.open(s);
        KafkaIngestLog b = KafkaIngestLog.open(s)) {
      for (int i = 0; i < 20; i++) {
        Appended ack = a.append(batch(i * 10, 3));
        Map<Integer, Long> end = b.end();
        for (Map.Entry<Integer, Long> last : ack.offsets().entrySet())
          assertThat(end.get(last.getKey()))
              .as("end of partition %d after append %d", last.getKey(), i)
              .isGreaterThan(last.getValue());
      }
    }
  }

  @Test
  void aBatchLargerThanARecordIsCutIntoOrderedRecordsOfOnePartition() throws Exception {
    try (KafkaIngestLog log = KafkaIngestLog.open(settings(kafka.bootstrapServers(), 1))) {
      List<Trace> traces = new ArrayList<>();
      String big = "\"" + "x".repeat(100_000) + "\"";
      for (int i = 0; i < 40; i++)
        traces.add(Trace.builder(Rows.PROJECT, "big" + i, Rows.START).input(big).build());
      Appended a = log.append(WriteBatch.of(traces, List.of()));
      assertThat(a.offsets().get(0)).isGreaterThan(0); // more than one record
      List<String> ids = new ArrayList<>();
      for (LogEntry e : readAll(log, a.offsets().get(0) + 1))
        for (Trace t : e.batch().traces()) ids.add(t.id());
      assertThat(ids).containsExactlyElementsOf(traces.stream().map(Trace::id).toList());
    }
  }

  @Test
  void unreachableBrokersFailTheOpenWithinSecondsNamingTheAddress() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String servers = "127.0.0.1:" + port;
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> KafkaIngestLog.open(settings(servers, 1)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("Kafka at " + servers + " is unreachable");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aBrokerStoppedMidAppendFailsAppendsAsOverCapacityAndLosesNothingAcknowledged()
      throws Exception {
    try (LocalKafka own = LocalKafka.start(dir.resolve("kafka"));
        KafkaIngestLog log = KafkaIngestLog.open(settings(own.bootstrapServers(), 2))) {
      Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
      List<StorageException> failures = new ArrayList<>();
      AtomicInteger next = new AtomicInteger();
      List<Thread> clients = new ArrayList<>();
      long stopAt = System.nanoTime() + Duration.ofSeconds(8).toNanos();
      for (int c = 0; c < 4; c++)
        clients.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      while (System.nanoTime() < stopAt) {
                        int n = next.getAndIncrement();
                        try {
                          log.append(batch(n * 5, 5));
                          acknowledged.add(n);
                        } catch (StorageException e) {
                          synchronized (failures) {
                            failures.add(e);
                          }
                        }
                      }
                    }));
      Rows.await(() -> acknowledged.size() > 50, Duration.ofSeconds(20));
      own.stop();
      long stoppedAt = System.nanoTime();
      Rows.await(() -> !failures.isEmpty(), Duration.ofSeconds(20));
      assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt))
          .isLessThan(Duration.ofSeconds(10)); // the ack timeout (3 s) and a bit
      for (Thread t : clients) t.join();
      synchronized (failures) {
        assertThat(failures).allSatisfy(e -> assertThat(e.overCapacity()).isTrue());
        assertThat(failures.getFirst()).hasMessageContaining(own.bootstrapServers());
      }
      assertThat(log.state().error()).contains("did not acknowledge");

      own.restart();
      // every acknowledged batch is in the log; so may be parts of failed ones (Kafka took them
      // but its acknowledgement came too late), which the clients' retries would write again
      Set<String> stored = new HashSet<>();
      Set<String> expected = new HashSet<>();
      for (int n : acknowledged) for (int i = n * 5; i < n * 5 + 5; i++) expected.add("t" + i);
      try (LogReader reader = log.reader(p -> 0)) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!stored.containsAll(expected) && System.nanoTime() < deadline)
          for (LogEntry e : reader.poll(1000, 8 << 20, Duration.ofMillis(200)))
            for (Trace t : e.batch().traces()) stored.add(t.id());
      }
      assertThat(stored).containsAll(expected);
    }
  }

  /** Reads until {@code records} records came, as one applier of the group, starting at 0. */
  static List<LogEntry> readAll(KafkaIngestLog log, long records) throws InterruptedException {
    List<LogEntry> out = new ArrayList<>();
    try (LogReader reader = log.reader(p -> 0)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (out.size() < records && System.nanoTime() < deadline)
        out.addAll(reader.poll(1000, 8 << 20, Duration.ofMillis(200)));
    }
    assertThat(out).hasSize((int) records);
    return out;
  }
}
