package dev.loupe.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaTest {
  @TempDir Path dir;

  @Test
  void aStartedBrokerTakesRecordsAndKeepsThemAcrossARestart() throws Exception {
    long t0 = System.nanoTime();
    try (LocalKafka kafka = LocalKafka.start(dir)) {
      Map<String, Object> common = Map.of("bootstrap.servers", kafka.bootstrapServers());
      try (Admin admin = Admin.create(common)) {
        admin.createTopics(List.of(new NewTopic("t", 2, (short) 1))).all().get();
      }
      produce(kafka, "one");
      System.out.printf(
          "topic usable and written %.1f s after start%n", (System.nanoTime() - t0) / 1e9);
      kafka.stop();
      kafka.restart();
      produce(kafka, "two");
      assertThat(consumeAll(kafka, 2)).containsExactly("one", "two");
    }
  }

  private static void produce(LocalKafka kafka, String value) throws Exception {
    try (KafkaProducer<String, String> p =
        new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
            new StringSerializer(),
            new StringSerializer())) {
      p.send(new ProducerRecord<>("t", 0, "k", value)).get();
    }
  }

  private static List<String> consumeAll(LocalKafka kafka, int n) {
    List<String> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(
            Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
            new StringDeserializer(),
            new StringDeserializer())) {
      TopicPartition p0 = new TopicPartition("t", 0);
      c.assign(Set.of(p0));
      c.seekToBeginning(Set.of(p0));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (out.size() < n && System.nanoTime() < deadline)
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200)))
          out.add(new String(r.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
    return out;
  }
}
