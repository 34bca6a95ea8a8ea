package dev.loupe.pipeline.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;

/**
 * Where the Kafka ingest log lives and how its clients behave.
 *
 * @param bootstrapServers {@code host:port[,host:port...]} of the cluster
 * @param topic the topic records go to; created when missing
 * @param group the consumer group the appliers form; every node applying one store uses the same
 * @param partitions partitions of the topic when this log creates it: at most this many nodes apply
 *     at once. An existing topic keeps its own count
 * @param replicationFactor replicas of each partition when this log creates the topic (1 for a
 *     single broker; 3 is usual in production)
 * @param connectTimeout how long opening waits for the cluster to answer before it fails, naming
 *     the address
 * @param ackTimeout how long an append waits for Kafka's acknowledgement (every in-sync replica)
 *     before it fails as over capacity (the wire answers 503 with Retry-After)
 * @param sessionTimeout how long the group waits for a silent applier (a killed node) before its
 *     partitions go to the others (while they wait, the records of those partitions are not
 *     applied), and how long an applier giving up a partition waits for what it read of it to be
 *     stored
 * @param clientProperties further Kafka client properties for producer, consumer and admin alike
 *     (security, for example); the ones this log relies on (acks, idempotence, offsets) are set
 *     after them and win
 */
public record KafkaSettings(
    String bootstrapServers,
    String topic,
    String group,
    int partitions,
    short replicationFactor,
    Duration connectTimeout,
    Duration ackTimeout,
    Duration sessionTimeout,
    Map<String, String> clientProperties) {
  public static final String DEFAULT_TOPIC = "loupe-ingest";
  public static final String DEFAULT_GROUP = "loupe-appliers";
  public static final int DEFAULT_PARTITIONS = 6;

  public KafkaSettings {
    requireNonNull(bootstrapServers, "bootstrapServers");
    if (bootstrapServers.isBlank()) throw new IllegalArgumentException("bootstrapServers is blank");
    requireNonNull(topic, "topic");
    if (!topic.matches("[a-zA-Z0-9._-]{1,249}"))
      throw new IllegalArgumentException(
          "topic must be 1-249 letters, digits, '.', '_' or '-': " + topic);
    requireNonNull(group, "group");
    if (group.isBlank()) throw new IllegalArgumentException("group is blank");
    if (partitions < 1 || partitions > 10_000)
      throw new IllegalArgumentException("partitions must be 1-10000: " + partitions);
    if (replicationFactor < 1)
      throw new IllegalArgumentException("replicationFactor must be >= 1: " + replicationFactor);
    positive("connectTimeout", connectTimeout);
    positive("ackTimeout", ackTimeout);
    positive("sessionTimeout", sessionTimeout);
    clientProperties = Map.copyOf(clientProperties);
  }

  /**
   * The defaults for {@code bootstrapServers}: topic {@value #DEFAULT_TOPIC}, group {@value
   * #DEFAULT_GROUP}, {@value #DEFAULT_PARTITIONS} partitions, replication factor 1, 5 s to connect,
   * 10 s for an acknowledgement, sessions of 10 s.
   */
  public static KafkaSettings of(String bootstrapServers) {
    return new KafkaSettings(
        bootstrapServers,
        DEFAULT_TOPIC,
        DEFAULT_GROUP,
        DEFAULT_PARTITIONS,
        (short) 1,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Map.of());
  }

  public KafkaSettings withTopic(String v) {
    return new KafkaSettings(
        bootstrapServers,
        v,
        group,
        partitions,
        replicationFactor,
        connectTimeout,
        ackTimeout,
        sessionTimeout,
        clientProperties);
  }

  public KafkaSettings withGroup(String v) {
    return new KafkaSettings(
        bootstrapServers,
        topic,
        v,
        partitions,
        replicationFactor,
        connectTimeout,
        ackTimeout,
        sessionTimeout,
        clientProperties);
  }

  public KafkaSettings withPartitions(int v) {
    return new KafkaSettings(
        bootstrapServers,
        topic,
        group,
        v,
        replicationFactor,
        connectTimeout,
        ackTimeout,
        sessionTimeout,
        clientProperties);
  }

  public KafkaSettings withReplicationFactor(short v) {
    return new KafkaSettings(
        bootstrapServers,
        topic,
        group,
        partitions,
        v,
        connectTimeout,
        ackTimeout,
        sessionTimeout,
        clientProperties);
  }

  public KafkaSettings withTimeouts(Duration connect, Duration ack, Duration session) {
    return new KafkaSettings(
        bootstrapServers,
        topic,
        group,
        partitions,
        replicationFactor,
        connect,
        ack,
        session,
        clientProperties);
  }

  public KafkaSettings withClientProperties(Map<String, String> v) {
    return new KafkaSettings(
        bootstrapServers,
        topic,
        group,
        partitions,
        replicationFactor,
        connectTimeout,
        ackTimeout,
        sessionTimeout,
        v);
  }

  private static void positive(String name, Duration d) {
    requireNonNull(d, name);
    if (d.isNegative() || d.isZero())
      throw new IllegalArgumentException(name + " must be positive: " + d);
  }
}
