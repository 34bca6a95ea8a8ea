package dev.loupe.pipeline.kafka;

import java.util.HashMap;
import java.util.Map;

/** The Kafka client properties of the log's admin client, producer and consumers. */
final class ClientProperties {
  private ClientProperties() {}

  static Map<String, Object> admin(KafkaSettings s) {
    Map<String, Object> p = common(s);
    int connect = (int) s.connectTimeout().toMillis();
    p.put("request.timeout.ms", connect);
    p.put("default.api.timeout.ms", connect);
    return p;
  }

  /**
   * acks=all and idempotence: a record is acknowledged once every in-sync replica has it, and a
   * retried send never writes it twice nor out of order. An append fails after {@link
   * KafkaSettings#ackTimeout()}; {@code send} blocks at most the connect timeout for metadata.
   */
  static Map<String, Object> producer(KafkaSettings s, int maxRecordBytes) {
    Map<String, Object> p = common(s);
    int ack = (int) s.ackTimeout().toMillis();
    p.put("acks", "all");
    p.put("enable.idempotence", true);
    p.put("max.in.flight.requests.per.connection", 5);
    p.put("linger.ms", 2);
    p.put("request.timeout.ms", Math.max(1_000, ack / 2));
    p.put("delivery.timeout.ms", ack);
    p.put("max.block.ms", s.connectTimeout().toMillis());
    p.put("max.request.size", maxRecordBytes);
    p.put("buffer.memory", 2L * maxRecordBytes);
    return p;
  }

  /**
   * The appliers' group: no automatic commits (the reader commits after the store write), start
   * from the oldest record when neither the store nor the group has a position, cooperative
   * rebalancing (only moved partitions are revoked).
   */
  static Map<String, Object> consumer(KafkaSettings s) {
    Map<String, Object> p = common(s);
    p.put("group.id", s.group());
    p.put("enable.auto.commit", false);
    p.put("auto.offset.reset", "earliest");
    p.put(
        "partition.assignment.strategy",
        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
    int session = (int) s.sessionTimeout().toMillis();
    p.put("session.timeout.ms", session);
    p.put("heartbeat.interval.ms", Math.max(100, session / 4));
    p.put("max.poll.records", 1_000);
    p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    return p;
  }

  private static Map<String, Object> common(KafkaSettings s) {
    Map<String, Object> p = new HashMap<>(s.clientProperties());
    p.put("bootstrap.servers", s.bootstrapServers());
    p.put("client.id", "loupe-" + s.group());
    // a broker that is down is retried quickly, so appends fail or succeed within their timeout
    p.put("reconnect.backoff.max.ms", 1_000);
    return p;
  }
}
