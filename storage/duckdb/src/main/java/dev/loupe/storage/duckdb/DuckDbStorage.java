package dev.loupe.storage.duckdb;

import static java.util.Objects.requireNonNull;

import dev.loupe.storage.AlertStore;
import dev.loupe.storage.AnalyticsStore;
import dev.loupe.storage.CheckResult;
import dev.loupe.storage.EvaluationStore;
import dev.loupe.storage.LogPosition;
import dev.loupe.storage.MergeHook;
import dev.loupe.storage.ModelPriceStore;
import dev.loupe.storage.ObservationConsumer;
import dev.loupe.storage.ProjectStore;
import dev.loupe.storage.ScoreConfigStore;
import dev.loupe.storage.ScoreStore;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.TraceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default storage: one DuckDB file, {@code loupe.duckdb}, and a payload log ({@code
 * payloads/}, the large text fields) in a data directory that this process owns (DuckDB locks the
 * file; a second process cannot open it). Writes go through one writer thread that group-commits
 * ({@link GroupCommitter}); reads use their own connections.
 *
 * <pre>{@code
 * try (DuckDbStorage storage = DuckDbStorage.open(Path.of("data"))) {
 *   storage.observationConsumer().accept(WriteBatch.of(traces, observations)); // durable on return
 * }
 * }</pre>
 */
public final class DuckDbStorage implements Storage {
  /** The database file's name inside the data directory. */
  public static final String FILE_NAME = "loupe.duckdb";

  /** The payload log's directory inside the data directory. */
  public static final String PAYLOADS_DIR = "payloads";

  private static final Logger LOG = LoggerFactory.getLogger(DuckDbStorage.class);
  private static final int READ_CONNECTIONS = 4;

  private final Path file;
  private final Session writerSession;
  private final ReadPool readPool;
  private final PayloadLog payloads;
  private final GroupCommitter committer;
  private final DuckDbTraceStore traceStore;
  private final DuckDbProjectStore projectStore;
  private final DuckDbAnalyticsStore analyticsStore;
  private final DuckDbModelPriceStore modelPriceStore;
  private final DuckDbScoreStore scoreStore;
  private final DuckDbScoreConfigStore scoreConfigStore;
  private final DuckDbAlertStore alertStore;
  private final DuckDbEvaluationStore evaluationStore;
  private volatile boolean closed;

  private DuckDbStorage(
      Path file,
      Session writerSession,
      ReadPool readPool,
      PayloadLog payloads,
      GroupCommitter committer,
      ObservationDays days,
      long recordsFrom) {
    this.file = file;
    this.writerSession = writerSession;
    this.readPool = readPool;
    this.payloads = payloads;
    this.committer = committer;
    this.traceStore = new DuckDbTraceStore(readPool, payloads, recordsFrom);
    this.projectStore = new DuckDbProjectStore(readPool);
    this.analyticsStore = new DuckDbAnalyticsStore(readPool, days);
    this.modelPriceStore = new DuckDbModelPriceStore(readPool);
    this.scoreStore = new DuckDbScoreStore(readPool);
    this.scoreConfigStore = new DuckDbScoreConfigStore(readPool);
    this.alertStore = new DuckDbAlertStore(readPool);
    this.evaluationStore = new DuckDbEvaluationStore(readPool);
  }

  /**
   * Opens (creating when needed) the data directory and its database file, creates the schema on
   * first open and starts the writer. Reads work at once; the writer first loads its key filters (a
   * scan of every key, about 0.5 s per million rows), and writes accepted meanwhile wait for it.
   *
   * @throws StorageException when the directory or file cannot be used, e.g. another process holds
   *     it
   */
  public static DuckDbStorage open(Path dataDir) {
    requireNonNull(dataDir, "dataDir");
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StorageException(
          "cannot create data directory " + dataDir + ": " + e.getMessage(), e);
    }
    DuckDBConnection connection = null;
    PayloadLog payloads = null;
    try {
      connection = Database.open(file);
      Schema.apply(connection);
      long recordsFrom = SchemaV11.recordsFrom(connection);
      payloads = PayloadLog.open(dataDir.resolve(PAYLOADS_DIR).toAbsolutePath());
      Session writer = new Session(connection);
      ReadPool pool = new ReadPool(connection, READ_CONNECTIONS);
      ObservationDays days = new ObservationDays();
      PayloadMatch.register(connection, payloads);
      GroupCommitter committer =
          new GroupCommitter(
              new GroupWriter(writer, payloads, days, recordsFrom),
              writer,
              new PayloadCompaction(writer, payloads));
      committer.start();
      LOG.debug("opened {}", file);
      return new DuckDbStorage(file, writer, pool, payloads, committer, days, recordsFrom);
    } catch (SQLException | IOException e) {
      closeQuietly(payloads);
      closeQuietly(connection);
      throw new StorageException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Completes once the writer has scanned the stored keys (about 0.5 s of one core per million rows
   * after open) and takes writes; until then reads share the machine with that scan.
   */
  public java.util.concurrent.CompletableFuture<@Nullable Void> writerReady() {
    return committer.ready();
  }

  @Override
  public ObservationConsumer observationConsumer(MergeHook onMerge) {
    requireNonNull(onMerge, "onMerge");
    return batch -> committer.accept(batch, onMerge);
  }

  @Override
  public TraceStore traceStore() {
    return traceStore;
  }

  @Override
  public ProjectStore projectStore() {
    return projectStore;
  }

  @Override
  public AnalyticsStore analyticsStore() {
    return analyticsStore;
  }

  @Override
  public ModelPriceStore modelPriceStore() {
    return modelPriceStore;
  }

  @Override
  public List<LogPosition> logPositions(String log) {
    return LogPositions.read(readPool, requireNonNull(log, "log"));
  }

  @Override
  public ScoreStore scoreStore() {
    return scoreStore;
  }

  @Override
  public ScoreConfigStore scoreConfigStore() {
    return scoreConfigStore;
  }

  @Override
  public AlertStore alertStore() {
    return alertStore;
  }

  @Override
  public EvaluationStore evaluationStore() {
    return evaluationStore;
  }

  /** Write groups committed since open (each is one transaction). */
  long groupsCommitted() {
    return committer.groups();
  }

  /** Runs a statement (e.g. a {@code SET}) on every read connection; for by-hand checks. */
  void onReadConnections(String sql) {
    readPool.each(sql);
  }

  /** Where the writer's time went since open. */
  WriterStats writerStats() {
    return committer.stats();
  }

  /**
   * The store's figures now (writer, read pool, file sizes), for metrics; cheap enough to read on
   * every scrape (a few file sizes, no query).
   */
  public DuckDbStats stats() {
    WriterStats w = committer.stats();
    Path payloadDir = file.resolveSibling(PAYLOADS_DIR);
    long payloadBytes = 0;
    int payloadSegments = 0;
    try (Stream<Path> files = Files.list(payloadDir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (!p.getFileName().toString().endsWith(".log")) continue;
        payloadBytes += sizeOf(p);
        payloadSegments++;
      }
    } catch (IOException | UncheckedIOException e) {
      // the directory is gone or unreadable: report what was counted
    }
    return new DuckDbStats(
        w.groups.sum(),
        w.rows.sum(),
        committer.queued(),
        readPool.size(),
        readPool.idle(),
        sizeOf(file),
        sizeOf(file.resolveSibling(file.getFileName() + ".wal")),
        payloadBytes,
        payloadSegments,
        w.byStage());
  }

  private static long sizeOf(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0; // absent (no WAL after a checkpoint) or removed meanwhile
    }
  }

  @Override
  public CheckResult check() {
    if (closed) return CheckResult.failed(new IllegalStateException("storage is closed"));
    if (!committer.isRunning())
      return CheckResult.failed(new IllegalStateException("writer thread stopped"));
    try {
      return readPool.read(
          "check",
          s -> {
            try (Statement st = s.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT 1")) {
              rs.next();
              return CheckResult.OK;
            }
          });
    } catch (RuntimeException e) {
      return CheckResult.failed(e);
    }
  }

  /** Commits what is queued, checkpoints, and closes every connection. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    committer.close();
    try {
      writerSession.execute("CHECKPOINT");
    } catch (SQLException e) {
      LOG.warn("checkpoint on close failed; the WAL replays on next open", e);
    }
    readPool.close();
    writerSession.close();
    try {
      payloads.close();
    } catch (IOException e) {
      LOG.warn("closing the payload log failed", e);
    }
  }

  @Override
  public String toString() {
    return "DuckDbStorage{" + file + "}";
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) return;
    try {
      c.close();
    } catch (Exception ignored) {
      // already failing
    }
  }
}
