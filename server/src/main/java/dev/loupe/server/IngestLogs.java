package dev.loupe.server;

import dev.loupe.pipeline.log.IngestLog;
import dev.loupe.pipeline.log.MemoryLog;
import dev.loupe.pipeline.log.SegmentLog;
import dev.loupe.storage.LogPosition;
import dev.loupe.storage.Storage;

/** Opens the ingest log that goes with the configured storage. */
final class IngestLogs {
  /** The embedded log's directory inside the data directory. */
  static final String DIR = "ingest-log";

  private IngestLogs() {}

  /**
   * DuckDB: segment files in {@code LOUPE_DATA_DIR/ingest-log}, numbered on from the position the
   * store recorded; in-memory storage: a log in memory (nothing outlives the process).
   */
  static IngestLog open(ServerConfig config, Storage storage) {
    return switch (config.storage()) {
      case MEMORY -> new MemoryLog();
      case DUCKDB -> {
        long next = 0;
        for (LogPosition p : storage.logPositions(SegmentLog.NAME)) next = Math.max(next, p.next());
        yield SegmentLog.open(config.dataDir().resolve(DIR), next);
      }
    };
  }
}
