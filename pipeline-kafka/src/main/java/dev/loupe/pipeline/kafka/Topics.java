package dev.loupe.pipeline.kafka;

import dev.loupe.storage.StorageException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The topic's existence and offsets, through the admin client. */
final class Topics {
  private Topics() {}

  /**
   * Finds the topic, creating it when missing (several nodes may race: one creates it, the others
   * find it), and returns its partition count.
   */
  static int ensure(Admin admin, KafkaSettings s, int maxRecordBytes) {
    long wait = s.connectTimeout().toMillis();
    try {
      admin.describeCluster().clusterId().get(wait, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new StorageException(
          "Kafka at "
              + s.bootstrapServers()
              + " is unreachable: no answer within "
              + wait
              + " ms ("
              + cause(e)
              + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while connecting to Kafka", e);
    }
    try {
      return describe(admin, s, wait);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) throw failed(s, e);
    } catch (TimeoutException e) {
      throw failed(s, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while connecting to Kafka", e);
    }
    NewTopic topic =
        new NewTopic(s.topic(), s.partitions(), s.replicationFactor())
            .configs(Map.of("max.message.bytes", String.valueOf(maxRecordBytes)));
    try {
      admin.createTopics(List.of(topic)).all().get(wait, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) throw failed(s, e);
    } catch (TimeoutException e) {
      throw failed(s, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while creating the Kafka topic", e);
    }
    // a topic just created is known to the controller before the broker that answers describes it
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
    while (true) {
      try {
        return describe(admin, s, wait);
      } catch (ExecutionException e) {
        boolean settling = e.getCause() instanceof UnknownTopicOrPartitionException;
        if (!settling || System.nanoTime() > deadline) throw failed(s, e);
      } catch (TimeoutException e) {
        throw failed(s, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted while connecting to Kafka", e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted while creating the Kafka topic", e);
      }
    }
  }

  private static int describe(Admin admin, KafkaSettings s, long wait)
      throws ExecutionException, TimeoutException, InterruptedException {
    TopicDescription d =
        admin
            .describeTopics(List.of(s.topic()))
            .topicNameValues()
            .get(s.topic())
            .get(wait, TimeUnit.MILLISECONDS);
    return d.partitions().size();
  }

  /** The end offsets ({@code earliest}: the oldest offsets kept) of every partition. */
  static Map<Integer, Long> ends(Admin admin, String topic, int partitions, boolean earliest) {
    Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
    for (int p = 0; p < partitions; p++)
      ask.put(new TopicPartition(topic, p), earliest ? OffsetSpec.earliest() : OffsetSpec.latest());
    try {
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> got =
          admin.listOffsets(ask).all().get(2, TimeUnit.SECONDS);
      Map<Integer, Long> out = new HashMap<>();
      got.forEach((tp, info) -> out.put(tp.partition(), info.offset()));
      return out;
    } catch (ExecutionException | TimeoutException e) {
      throw new StorageException(
          "cannot read the offsets of Kafka topic " + topic + ": " + cause(e), e, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while reading Kafka offsets", e, true);
    }
  }

  private static StorageException failed(KafkaSettings s, Exception e) {
    return new StorageException(
        "cannot find or create Kafka topic "
            + s.topic()
            + " at "
            + s.bootstrapServers()
            + ": "
            + cause(e),
        e);
  }

  private static String cause(Exception e) {
    Throwable c = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }
}
