package dev.loupe.server;

import dev.loupe.cluster.LocalKafka;
import dev.loupe.pipeline.kafka.KafkaSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * One real Kafka broker (KRaft) for the server tests of this JVM, started on first use and stopped
 * at exit. Every server gets a topic and group of its own, so a fresh store never sees another
 * test's records.
 */
public final class TestKafka {
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static LocalKafka broker;

  private TestKafka() {}

  public static synchronized LocalKafka broker() {
    if (broker == null) {
      try {
        Path dir = Files.createTempDirectory("loupe-test-kafka");
        broker = LocalKafka.start(dir);
        LocalKafka started = broker;
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      started.close();
                      try {
                        TestServer.deleteRecursively(dir);
                      } catch (IOException ignored) {
                        // a temporary directory: the OS cleans it eventually
                      }
                    }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return broker;
  }

  /** Settings for a topic and group no other server of this JVM uses. */
  public static KafkaSettings fresh(int partitions) {
    int n = TOPICS.incrementAndGet();
    return KafkaSettings.of(broker().bootstrapServers())
        .withTopic("loupe-test-" + ProcessHandle.current().pid() + "-" + n)
        .withGroup("loupe-test-" + n)
        .withPartitions(partitions)
        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(3));
  }

  /** A server configuration on a fresh topic. */
  static UnaryOperator<ServerConfig> onKafka() {
    return c -> c.withKafka(fresh(3));
  }
}
