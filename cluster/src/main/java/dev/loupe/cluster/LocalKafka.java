package dev.loupe.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One Kafka broker on this machine, in KRaft combined mode (the same process is broker and
 * controller), for tests and for trying the scale-out mode locally. It runs in this JVM ({@link
 * #start}) or as a process of its own ({@link #main}). Its data lives in a directory of the
 * caller's; {@link #stop} and {@link #restart} keep it, so a test can take the broker away and
 * bring it back with what it held.
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.start(dir)) {
 *   String servers = kafka.bootstrapServers(); // "127.0.0.1:<port>"
 * }
 * }</pre>
 *
 * Not for production: one broker, replication factor 1, every safety setting at its single-node
 * value.
 */
public final class LocalKafka implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final String clusterId;
  private KafkaRaftServer server; // guarded by this

  private LocalKafka(Path dir, int port, int controllerPort, String clusterId) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
    this.clusterId = clusterId;
  }

  /** Formats {@code dir} when new and starts a broker on free ports. */
  public static LocalKafka start(Path dir) {
    return start(dir, 0);
  }

  /**
   * Formats {@code dir} when new and starts a broker on {@code port} (0: a free one); the
   * controller listens on another free port.
   */
  public static LocalKafka start(Path dir, int port) {
    LocalKafka kafka =
        new LocalKafka(
            dir.toAbsolutePath(),
            port == 0 ? freePort() : port,
            freePort(),
            Uuid.randomUuid().toString());
    kafka.format();
    kafka.startServer();
    return kafka;
  }

  /** Where clients connect: {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Stops the broker; its data stays for {@link #restart}. */
  public synchronized void stop() {
    if (server == null) return;
    server.shutdown();
    server.awaitShutdown();
    server = null;
  }

  /** Starts the broker again on the same ports and data. */
  public synchronized void restart() {
    if (server == null) startServer();
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void startServer() {
    KafkaConfig config = KafkaConfig.fromProps(properties(), false);
    KafkaRaftServer s = new KafkaRaftServer(config, Time.SYSTEM);
    s.startup();
    server = s;
  }

  private Properties properties() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty("log.dirs", dir.resolve("data").toString());
    p.setProperty("metadata.log.dir", dir.resolve("meta").toString());
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // consumers may ask for short sessions, so a test sees a dead member leave in a second or two
    p.setProperty("group.min.session.timeout.ms", "500");
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("num.partitions", "1");
    return p;
  }

  private void format() {
    if (Files.isDirectory(dir.resolve("meta"))) return;
    try {
      Files.createDirectories(dir);
      KafkaConfig config = KafkaConfig.fromProps(properties(), false);
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setClusterId(clusterId)
          .setNodeId(1)
          .setDirectories(List.of(dir.resolve("data").toString(), dir.resolve("meta").toString()))
          .setMetadataLogDirectory(config.metadataLogDir())
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Kafka directory " + dir, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the Kafka directory " + dir + ": " + e, e);
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  /**
   * Runs a broker until the process is stopped: {@code LocalKafka <dir> [port]}; prints {@code
   * bootstrap.servers=127.0.0.1:<port>} once clients can connect.
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: LocalKafka <data dir> [port]");
      System.exit(2);
    }
    int port = args.length == 2 ? Integer.parseInt(args[1]) : 0;
    LocalKafka kafka = start(Path.of(args[0]), port);
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "local-kafka-stop"));
    System.out.println("bootstrap.servers=" + kafka.bootstrapServers());
    System.out.flush();
    Thread.currentThread().join();
  }
}
