package dev.loupe.bench;

import dev.loupe.storage.Storage;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the analytics bench writes and reads: the same generated data, the same consumer, the same
 * queries and checks on each ({@code --storage duckdb}, the default, or {@code clickhouse}).
 */
interface AnalyticsBackend extends AutoCloseable {
  /** The backend {@code --storage} names, on {@code dir}. */
  static AnalyticsBackend of(Map<String, String> opt, Path dir) {
    String storage = opt.getOrDefault("storage", "duckdb");
    return switch (storage) {
      case "duckdb" -> new DuckDbBackend(dir);
      case "clickhouse" -> ClickHouseBackend.start(opt, dir);
      default ->
          throw new IllegalArgumentException(
              "--storage: duckdb or clickhouse, got '" + storage + "'");
    };
  }

  /** One line: what the data lives in. */
  String describe();

  /** True when {@code dir} already holds a store of this backend (a rerun without --reuse). */
  boolean holdsData();

  /** Opens the storage (again: the measuring half reopens what the loading half wrote). */
  Storage open();

  /**
   * Waits until the freshly opened store has finished the work an open or a load leaves behind
   * (DuckDB's key filters, ClickHouse's background merges), so queries are timed on a settled
   * store; says what it waited for.
   */
  String settle(Storage storage);

  /** One line: the bytes the data takes. */
  String disk();

  @Override
  void close();
}
