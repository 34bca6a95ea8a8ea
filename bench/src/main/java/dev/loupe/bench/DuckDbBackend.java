package dev.loupe.bench;

import dev.loupe.storage.Storage;
import dev.loupe.storage.duckdb.DuckDbStorage;
import java.nio.file.Files;
import java.nio.file.Path;

/** The embedded store: one DuckDB file and its payload log in the data directory. */
final class DuckDbBackend implements AnalyticsBackend {
  private final Path dir;

  DuckDbBackend(Path dir) {
    this.dir = dir;
  }

  @Override
  public String describe() {
    return "DuckDB (embedded, in this process)";
  }

  @Override
  public boolean holdsData() {
    return Files.exists(dir.resolve(DuckDbStorage.FILE_NAME));
  }

  @Override
  public Storage open() {
    return DuckDbStorage.open(dir);
  }

  @Override
  public String settle(Storage storage) {
    // The writer scans every key once after open (its filters, ~0.5 s per million rows, on one
    // core): wait for it.
    long w0 = System.nanoTime();
    ((DuckDbStorage) storage).writerReady().join();
    return String.format(
        "writer    : ready %.0f ms after open (key filters loaded)",
        (System.nanoTime() - w0) / 1e6);
  }

  @Override
  public String disk() {
    long db = Footprint.bytes(dir.resolve(DuckDbStorage.FILE_NAME));
    long wal = Footprint.bytes(dir.resolve(DuckDbStorage.FILE_NAME + ".wal"));
    long payloads = Footprint.bytes(dir.resolve(DuckDbStorage.PAYLOADS_DIR));
    return String.format(
        "disk      : %,d bytes = %s (%s %s + wal %s, %s/ %s)",
        db + wal + payloads,
        Footprint.human(db + wal + payloads),
        DuckDbStorage.FILE_NAME,
        Footprint.human(db),
        Footprint.human(wal),
        DuckDbStorage.PAYLOADS_DIR,
        Footprint.human(payloads));
  }

  @Override
  public void close() {}
}
