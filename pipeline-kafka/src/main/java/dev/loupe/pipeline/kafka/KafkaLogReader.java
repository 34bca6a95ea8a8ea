package dev.loupe.pipeline.kafka;

import dev.loupe.pipeline.log.LogEntry;
import dev.loupe.pipeline.log.LogReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntToLongFunction;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One applier's membership in the consumer group. The Kafka consumer is used by the polling thread
 * only: {@link #applied} (from the storing thread) queues the positions, which the next poll
 * commits.
 *
 * <ul>
 *   <li><b>Assigned</b> partitions start at the position the store recorded ({@code start}, asked
 *       then), not at the group's committed offset, which may lag it (a crash between the store
 *       write and the commit): nothing is applied twice after a clean hand-over, and nothing lost
 *       after a crash; when the store cannot answer, the committed offset (never ahead of the
 *       store) is used, and re-applying the records in between is harmless.
 *   <li><b>Revoked</b> partitions: records read ahead but not handed out are dropped; the
 *       revocation waits (at most {@link #HAND_OVER_WAIT}) until every record handed out of them is
 *       applied, then commits, so the next owner starts after them and no two nodes apply one
 *       partition at once.
 *   <li><b>Lost</b> partitions (this member was too slow and the group moved on): dropped, nothing
 *       committed; the new owner starts at the store's position.
 * </ul>
 */
final class KafkaLogReader implements LogReader {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaLogReader.class);

  private static final Duration IDLE_POLL = Duration.ofMillis(20);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final IntToLongFunction start;
  private final Duration handOverWait;
  private final Deque<ConsumerRecord<byte[], byte[]>> ahead = new ArrayDeque<>(); // poll thread
  private final Map<Integer, Long> handedOut = new HashMap<>(); // poll thread: next offset
  private final Map<Integer, Long> applied = new ConcurrentHashMap<>(); // next offset
  private final Map<Integer, Long> toCommit = new ConcurrentHashMap<>();
  private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;
  private volatile Runnable onClose = () -> {};

  /**
   * @param handOverWait how long a revoked partition's hand-over waits for what was handed out of
   *     it to be applied
   */
  KafkaLogReader(
      Map<String, Object> properties,
      String topic,
      IntToLongFunction start,
      Duration handOverWait) {
    this.consumer = new KafkaConsumer<>(properties);
    this.topic = topic;
    this.start = start;
    this.handOverWait = handOverWait;
    consumer.subscribe(List.of(topic), new Rebalance());
  }

  void onClose(Runnable r) {
    this.onClose = r;
  }

  /** The partitions this member holds now. */
  Set<Integer> owned() {
    return Set.copyOf(owned);
  }

  @Override
  public List<LogEntry> poll(int maxRecords, long maxBytes, Duration wait) {
    if (closing) return List.of();
    commitApplied();
    if (!consumer.paused().isEmpty()) consumer.resume(consumer.paused());
    if (ahead.isEmpty()) {
      try {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) ahead.addLast(r);
      } catch (WakeupException e) {
        return List.of(); // closing
      }
    }
    List<LogEntry> out = new ArrayList<>();
    long bytes = 0;
    while (!ahead.isEmpty() && out.size() < maxRecords && (bytes < maxBytes || out.isEmpty())) {
      ConsumerRecord<byte[], byte[]> r = ahead.pollFirst();
      if (!owned.contains(r.partition())) continue;
      byte[] value = r.value() == null ? new byte[0] : r.value();
      out.add(new LogEntry(r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()), value));
      bytes += value.length;
      handedOut.merge(r.partition(), r.offset() + 1, Math::max);
    }
    return out;
  }

  /**
   * Polls with every partition paused: heart-beats and rebalances go on (a partition revoked now is
   * handed over once what was read of it is applied, or given up after the wait), nothing more is
   * fetched; records of partitions assigned meanwhile wait in the read-ahead.
   */
  @Override
  public void idle() {
    if (closing) return;
    commitApplied();
    consumer.pause(consumer.assignment());
    try {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(IDLE_POLL)) ahead.addLast(r);
    } catch (WakeupException e) {
      // closing
    }
  }

  @Override
  public boolean owns(int partition) {
    return owned.contains(partition);
  }

  @Override
  public void applied(Map<Integer, Long> positions) {
    positions.forEach(
        (p, next) -> {
          applied.merge(p, next, Math::max);
          toCommit.merge(p, next, Math::max);
        });
  }

  /** Leaves the group: owned partitions go to the other members at once. */
  @Override
  public void close() {
    closing = true;
    closeConsumer(CloseOptions.timeout(Duration.ofSeconds(5)), true);
  }

  /**
   * Stops as a killed node would: nothing more is committed and the group is not told, so the other
   * members get this one's partitions once its session times out. For tests.
   */
  void crash() {
    closing = true;
    toCommit.clear();
    closeConsumer(
        CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
            .withTimeout(Duration.ZERO),
        false);
  }

  /**
   * Closes the consumer from any thread: the polling one is woken and may still be inside the
   * consumer for a moment (it then answers nothing more, as {@code closing} is set).
   */
  private void closeConsumer(CloseOptions how, boolean commit) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      consumer.wakeup();
      try {
        if (commit) commitApplied();
        consumer.close(how);
        break;
      } catch (java.util.ConcurrentModificationException e) {
        if (System.nanoTime() > deadline) {
          LOG.warn("the Kafka consumer is still in use; left to the JVM's exit");
          break;
        }
        Thread.onSpinWait();
      } catch (WakeupException e) {
        // the wake-up meant for the polling thread hit this one: close again
      } catch (KafkaException | IllegalStateException e) {
        LOG.debug("closing the Kafka consumer: {}", e.toString());
        break;
      }
    }
    onClose.run();
  }

  private void commitApplied() {
    if (toCommit.isEmpty()) return;
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Integer p : List.copyOf(toCommit.keySet())) {
      Long next = toCommit.remove(p);
      if (next != null && owned.contains(p))
        offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(next));
    }
    if (offsets.isEmpty()) return;
    consumer.commitAsync(
        offsets,
        (done, e) -> {
          if (e != null)
            LOG.debug("committing {} failed (the store has the positions): {}", done, e);
        });
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        handedOut.remove(tp.partition());
        long from;
        try {
          from = start.applyAsLong(tp.partition());
        } catch (RuntimeException e) {
          LOG.warn(
              "cannot read the stored position of partition {}; starting at the group's committed"
                  + " offset: {}",
              tp.partition(),
              e.toString());
          owned.add(tp.partition());
          continue;
        }
        consumer.seek(tp, from);
        owned.add(tp.partition());
      }
      if (!partitions.isEmpty()) LOG.info("applying Kafka partitions {}", numbers(partitions));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) return;
      Set<Integer> gone = numbers(partitions);
      ahead.removeIf(r -> gone.contains(r.partition()));
      // still owned while what was handed out is applied; then the applier drops what is left
      long deadline = System.nanoTime() + handOverWait.toNanos();
      while (!closing && !handedOver(gone) && System.nanoTime() < deadline) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      owned.removeAll(gone);
      if (!handedOver(gone))
        LOG.warn(
            "partitions {} go to another applier before what was read of them is applied here;"
                + " it starts at the stored position, and this applier drops the rest",
            gone);
      Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
      for (int p : gone) {
        Long next = applied.get(p);
        if (next != null) commit.put(new TopicPartition(topic, p), new OffsetAndMetadata(next));
        toCommit.remove(p);
      }
      try {
        if (!commit.isEmpty() && !closing) consumer.commitSync(commit, Duration.ofSeconds(5));
      } catch (KafkaException e) {
        LOG.debug("committing revoked partitions failed (the store has the positions): {}", e);
      }
      LOG.info("handed over Kafka partitions {}", gone);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      Set<Integer> gone = numbers(partitions);
      owned.removeAll(gone);
      ahead.removeIf(r -> gone.contains(r.partition()));
      gone.forEach(toCommit::remove);
      gone.forEach(handedOut::remove);
      if (!gone.isEmpty()) LOG.warn("lost Kafka partitions {} to the group", gone);
    }

    private boolean handedOver(Set<Integer> partitions) {
      for (int p : partitions) {
        Long out = handedOut.get(p);
        if (out != null && applied.getOrDefault(p, -1L) < out) return false;
      }
      return true;
    }
  }

  private static Set<Integer> numbers(Collection<TopicPartition> partitions) {
    Set<Integer> out = new java.util.TreeSet<>();
    for (TopicPartition tp : partitions) out.add(tp.partition());
    return out;
  }
}
