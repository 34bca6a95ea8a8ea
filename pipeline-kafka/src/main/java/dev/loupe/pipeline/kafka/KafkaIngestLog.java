package dev.loupe.pipeline.kafka;

import static java.util.Objects.requireNonNull;

import dev.loupe.pipeline.log.Appended;
import dev.loupe.pipeline.log.IngestLog;
import dev.loupe.pipeline.log.Lag;
import dev.loupe.pipeline.log.LogReader;
import dev.loupe.pipeline.log.LogState;
import dev.loupe.pipeline.log.RecordCodec;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.WriteBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest log on a Kafka topic, for several Loupe nodes sharing one store. Receivers produce
 * each write batch as one record per partition its traces fall in ({@link TracePartitions}: a
 * trace's writes stay in one partition, in order), with {@code acks=all} and the idempotent
 * producer; an append returns once Kafka acknowledged every part, so the client's acknowledgement
 * follows Kafka's. Records carry {@link RecordCodec} bytes, as the embedded log's do.
 *
 * <p>Appliers on every node form one consumer group ({@link KafkaLogReader}): each member starts an
 * assigned partition at the position the store recorded for it, commits offsets after the store
 * write, and lets revoked partitions go only once what it read of them is applied.
 *
 * <p>{@link #end()} and {@link #lag} combine this node's acknowledged appends (exact) with the
 * broker's end offsets, sampled every {@link #WATCH_INTERVAL} ({@link Offsets}); the applied
 * positions come from the store ({@link #sharedByNodes()}), so backpressure and the read barrier
 * see the whole group.
 *
 * <pre>{@code
 * try (KafkaIngestLog log = KafkaIngestLog.open(KafkaSettings.of("kafka-1:9092,kafka-2:9092"))) {
 *   Ingestion ingestion = Ingestion.start(storage, log, pricer, prices::of, options, metrics);
 * }
 * }</pre>
 */
public final class KafkaIngestLog implements IngestLog {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaIngestLog.class);

  /** How often the broker's end offsets are read, for lag and the read barrier. */
  static final Duration WATCH_INTERVAL = Duration.ofMillis(200);

  /** The largest record a topic this log creates accepts, and the producer sends. */
  static final int MAX_RECORD_BYTES = 48 << 20;

  private final KafkaSettings settings;
  private final Admin admin;
  private final KafkaProducer<byte[], byte[]> producer;
  private final int partitions;
  private final Offsets offsets = new Offsets();
  private final List<KafkaLogReader> readers = new CopyOnWriteArrayList<>();
  private final AtomicLong appendedRecords = new AtomicLong();
  private final AtomicLong appendedBytes = new AtomicLong();
  private final AtomicLong appends = new AtomicLong();
  private final Thread watcher;
  private volatile @Nullable String appendError;
  private volatile @Nullable String watchError;
  private volatile boolean closed;

  private KafkaIngestLog(KafkaSettings settings, Admin admin, int partitions) {
    this.settings = settings;
    this.admin = admin;
    this.partitions = partitions;
    this.producer =
        new KafkaProducer<>(
            ClientProperties.producer(settings, MAX_RECORD_BYTES),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    this.watcher = Thread.ofPlatform().name("loupe-kafka-offsets").daemon().unstarted(this::watch);
  }

  /**
   * Connects, creates the topic when missing ({@link KafkaSettings#partitions()}, {@link
   * KafkaSettings#replicationFactor()}) and starts reading the end offsets.
   *
   * @throws StorageException when the cluster does not answer within {@link
   *     KafkaSettings#connectTimeout()} (the message names the address) or refuses the topic
   */
  public static KafkaIngestLog open(KafkaSettings settings) {
    requireNonNull(settings, "settings");
    Admin admin;
    try {
      admin = Admin.create(ClientProperties.admin(settings));
    } catch (KafkaException e) {
      throw new StorageException(
          "cannot connect to Kafka at " + settings.bootstrapServers() + ": " + e.getMessage(), e);
    }
    KafkaIngestLog log;
    try {
      int partitions = Topics.ensure(admin, settings, MAX_RECORD_BYTES);
      log = new KafkaIngestLog(settings, admin, partitions);
    } catch (RuntimeException e) {
      admin.close(Duration.ofSeconds(1));
      throw e;
    }
    long start = System.nanoTime();
    boolean ok = log.sample(true);
    synchronized (log.sampling) {
      log.sampled(start, ok);
    }
    log.watcher.start();
    LOG.info(
        "ingest log: Kafka topic {} ({} partitions) at {}, group {}",
        settings.topic(),
        log.partitions,
        settings.bootstrapServers(),
        settings.group());
    return log;
  }

  /** {@code kafka:<topic>}: the store records the appliers' positions under it. */
  @Override
  public String name() {
    return "kafka:" + settings.topic();
  }

  /** Appliers on other nodes apply some partitions: applied positions are the store's. */
  @Override
  public boolean sharedByNodes() {
    return true;
  }

  /** The topic's partition count. */
  public int partitions() {
    return partitions;
  }

  public KafkaSettings settings() {
    return settings;
  }

  /**
   * Produces the batch, one record per partition of its traces (more when a part passes 1 MiB), and
   * returns once Kafka acknowledged every one.
   *
   * @throws StorageException over capacity (503 with Retry-After) when Kafka did not acknowledge
   *     within {@link KafkaSettings#ackTimeout()} or failed: nothing of the batch is acknowledged
   *     to the client. Parts Kafka did take are applied; the client's retry writes them again,
   *     which the store merges by id. A row too large for a record is not over capacity (500).
   */
  @Override
  public Appended append(WriteBatch batch) {
    if (batch.size() == 0) return new Appended(Map.of(), 0);
    if (closed) throw new StorageException("the Kafka ingest log is closed", null, true);
    List<TracePartitions.Part> parts = TracePartitions.split(batch, partitions);
    List<Future<RecordMetadata>> sent = new ArrayList<>(parts.size());
    long bytes = 0;
    try {
      for (TracePartitions.Part part : parts) {
        byte[] value = RecordCodec.encode(part.rows());
        bytes += value.length;
        sent.add(
            producer.send(
                new ProducerRecord<>(settings.topic(), part.partition(), part.key(), value)));
      }
      Map<Integer, Long> where = new HashMap<>();
      long deadline = System.nanoTime() + settings.ackTimeout().plusSeconds(1).toNanos();
      for (Future<RecordMetadata> f : sent) {
        RecordMetadata m = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        where.merge(m.partition(), m.offset(), Math::max);
        offsets.appended(m.partition(), m.offset(), m.timestamp());
      }
      appendedRecords.addAndGet(parts.size());
      appendedBytes.addAndGet(bytes);
      appends.incrementAndGet();
      appendError = null;
      return new Appended(where, bytes);
    } catch (ExecutionException e) {
      throw failed(e.getCause() == null ? e : e.getCause());
    } catch (KafkaException | TimeoutException e) {
      throw failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(e);
    }
  }

  private StorageException failed(Throwable cause) {
    String why =
        "Kafka at "
            + settings.bootstrapServers()
            + " did not acknowledge an append to topic "
            + settings.topic()
            + " within "
            + settings.ackTimeout().toSeconds()
            + " s: "
            + cause;
    appendError = why;
    return new StorageException(why, cause, !(cause instanceof RecordTooLargeException));
  }

  /**
   * A member of the appliers' consumer group. Each partition assigned to it starts at {@code
   * start.applyAsLong(partition)}, asked at assignment time (the store's position then).
   */
  @Override
  public LogReader reader(IntToLongFunction start) {
    if (closed) throw new StorageException("the Kafka ingest log is closed", null, true);
    KafkaLogReader reader =
        new KafkaLogReader(
            ClientProperties.consumer(settings),
            settings.topic(),
            start,
            settings.sessionTimeout());
    readers.add(reader);
    reader.onClose(() -> readers.remove(reader));
    return reader;
  }

  /** The readers open now (tests simulate a crashed node with them). */
  List<KafkaLogReader> readers() {
    return List.copyOf(readers);
  }

  /**
   * The end of every partition as of this call: this node's appends, and the broker's end offsets
   * read after the call began (concurrent callers share one read), so a read through this node
   * waits for what was acknowledged through any node before it. While the broker does not answer,
   * the end last known (reads then see what is applied).
   */
  @Override
  public Map<Integer, Long> end() {
    sampleAfter(System.nanoTime());
    Map<Integer, Long> known = offsets.end();
    Map<Integer, Long> out = new HashMap<>();
    for (int p = 0; p < partitions; p++) out.put(p, known.getOrDefault(p, 0L));
    return out;
  }

  @Override
  public Lag lag(Map<Integer, Long> applied) {
    return offsets.lag(applied, System.currentTimeMillis());
  }

  /**
   * Records and bytes appended through this node since open; {@code syncs} counts appends (each
   * acknowledged by Kafka as a whole). {@code error} is why the last append failed, else why the
   * broker's offsets cannot be read now, else null.
   */
  @Override
  public LogState state() {
    String error = appendError != null ? appendError : watchError;
    return new LogState(
        0, 0, appendedRecords.get(), appendedBytes.get(), appends.get(), 0, 0, 0, error);
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    watcher.interrupt();
    for (KafkaLogReader r : readers) r.close();
    producer.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }

  @Override
  public String toString() {
    return "KafkaIngestLog{" + settings.bootstrapServers() + ", " + settings.topic() + "}";
  }

  private final Object sampling = new Object();
  private boolean sampleUnderWay; // guarded by sampling
  // guarded by sampling: when the last successful and failed reads of the offsets began
  // (System.nanoTime(), compared by difference only; meaningless until the flag is set, since
  // no value of a nanoTime can stand for "never" in a difference)
  private boolean anySample, anyFailure;
  private long lastSampleStart, lastFailureStart;

  /** After a failed read of the offsets, reads are not held for this long (the broker is away). */
  private static final long AWAY_NANOS = 1_000_000_000L;

  /**
   * Waits for a read of the broker's end offsets that began at or after {@code since} and
   * succeeded. Only a successful read counts: one that failed (a timeout on a loaded box) left the
   * offsets as they were, and a read barrier that took it would not wait for what was acknowledged
   * just before. When reads of the offsets fail (one that began since, or one in the last second),
   * the broker is away: reads are not held for it.
   */
  private void sampleAfter(long since) {
    if (closed) return;
    synchronized (sampling) {
      while (true) {
        if (anySample && lastSampleStart - since >= 0) return;
        if (anyFailure && lastFailureStart - since >= 0) return;
        if (!sampleUnderWay) {
          if (watchError != null && anyFailure && System.nanoTime() - lastFailureStart < AWAY_NANOS)
            return;
          break;
        }
        try {
          sampling.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      sampleUnderWay = true;
    }
    long start = System.nanoTime();
    boolean ok = false;
    try {
      ok = sample(false);
    } finally {
      synchronized (sampling) {
        sampleUnderWay = false;
        sampled(start, ok);
        sampling.notifyAll();
      }
    }
  }

  /** Records a read of the offsets that began at {@code start}; guarded by {@link #sampling}. */
  private void sampled(long start, boolean ok) {
    if (ok && (!anySample || start - lastSampleStart > 0)) {
      lastSampleStart = start;
      anySample = true;
    }
    if (!ok && (!anyFailure || start - lastFailureStart > 0)) {
      lastFailureStart = start;
      anyFailure = true;
    }
  }

  private void watch() {
    for (long round = 1; !closed; round++) {
      try {
        Thread.sleep(WATCH_INTERVAL);
        long start = System.nanoTime();
        boolean ok = sample(round % 25 == 0);
        synchronized (sampling) {
          sampled(start, ok);
          sampling.notifyAll();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!closed) LOG.warn("reading Kafka's offsets failed: {}", e.toString());
      }
    }
  }

  /**
   * Reads the broker's end offsets (and start offsets when {@code starts}) into {@link #offsets};
   * false when the broker did not answer (the reason in {@code watchError}).
   */
  private boolean sample(boolean starts) {
    long now = System.currentTimeMillis();
    try {
      Map<Integer, Long> ends = Topics.ends(admin, settings.topic(), partitions, false);
      Map<Integer, Long> begins =
          starts ? Topics.ends(admin, settings.topic(), partitions, true) : Map.of();
      offsets.sampled(ends, begins, now);
      watchError = null;
      return true;
    } catch (StorageException e) {
      watchError = e.getMessage();
      return false;
    }
  }
}
