package dev.loupe.server;

import dev.loupe.pipeline.kafka.KafkaIngestLog;
import dev.loupe.pipeline.kafka.KafkaSettings;
import dev.loupe.pipeline.log.IngestLog;
import dev.loupe.pipeline.log.MemoryLog;
import dev.loupe.pipeline.log.SegmentLog;
import dev.loupe.storage.LogPosition;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageException;

/** Opens the ingest log that goes with the configured storage. */
final class IngestLogs {
  /** The embedded log's directory inside the data directory. */
  static final String DIR = "ingest-log";

  private IngestLogs() {}

  /**
   * Kafka when configured ({@code LOUPE_INGEST_LOG=kafka}): a topic shared by every node of the
   * store. Else DuckDB: segment files in {@code LOUPE_DATA_DIR/ingest-log}, numbered on from the
   * position the store recorded (so too ClickHouse on one node: {@link ClickHouseConfig});
   * in-memory storage: a log in memory (nothing outlives the process).
   *
   * @throws StorageException when Kafka cannot be reached within a few seconds, naming the address
   *     and the variable that gave it
   */
  static IngestLog open(ServerConfig config, Storage storage) {
    KafkaSettings kafka = config.kafka();
    if (kafka != null) {
      try {
        return KafkaIngestLog.open(kafka);
      } catch (StorageException e) {
        throw new StorageException(
            e.getMessage() + " (LOUPE_KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers() + ")",
            e);
      }
    }
    return switch (config.storage()) {
      case MEMORY -> new MemoryLog();
      case DUCKDB, CLICKHOUSE -> {
        long next = 0;
        for (LogPosition p : storage.logPositions(SegmentLog.NAME)) next = Math.max(next, p.next());
        yield SegmentLog.open(config.dataDir().resolve(DIR), next);
      }
    };
  }
}
