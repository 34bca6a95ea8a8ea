package dev.loupe.storage.clickhouse;

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
import java.util.List;
import java.util.Map;

/**
 * The storage SPI on ClickHouse: any number of Loupe nodes share one database. Open with {@link
 * #open(ClickHouseSettings)}: it creates the database when missing and applies the schema steps it
 * lacks (see {@link Migrations}); a database migrated by a newer Loupe is refused.
 *
 * <p>The stores are small classes over one {@link Sql} (the client-v2 connection pool): the write
 * side ({@link Writer}), the trace store, projects, prices. The score, evaluation, alert and
 * analytics stores are built the same way, from {@link #sql()}, with tables of their own (schema
 * steps 100-199).
 */
public final class ClickHouseStorage implements Storage {
  private final Sql sql;
  private final RowVersions versions = new RowVersions();
  private final Writer writer;
  private final ClickHouseTraceStore traceStore;
  private final ClickHouseProjectStore projectStore;
  private final ClickHouseModelPriceStore modelPriceStore;

  private ClickHouseStorage(Sql sql) {
    this.sql = sql;
    this.writer = new Writer(sql, versions);
    this.traceStore = new ClickHouseTraceStore(sql);
    this.projectStore = new ClickHouseProjectStore(sql, versions);
    this.modelPriceStore = new ClickHouseModelPriceStore(sql, versions);
  }

  /**
   * Connects, creates the database when missing and migrates it.
   *
   * @throws StorageException when ClickHouse is unreachable, refuses the credentials, or holds a
   *     schema newer than this code (the message says which)
   */
  public static ClickHouseStorage open(ClickHouseSettings settings) {
    requireNonNull(settings, "settings");
    Sql sql = Sql.connect(settings);
    try {
      new Migrations(sql, SchemaResources.all()).apply();
      return new ClickHouseStorage(sql);
    } catch (RuntimeException e) {
      sql.close();
      if (e instanceof StorageException) throw e;
      throw new StorageException("ClickHouse " + settings + ": " + e.getMessage(), e);
    }
  }

  /** The connection the stores share. */
  Sql sql() {
    return sql;
  }

  RowVersions versions() {
    return versions;
  }

  // The stores of schema steps 100-199: stateless views over the shared connection and versions.

  @Override
  public ScoreStore scoreStore() {
    return new ClickHouseScoreStore(new Replacing(sql, versions));
  }

  @Override
  public ScoreConfigStore scoreConfigStore() {
    return new ClickHouseScoreConfigStore(new Replacing(sql, versions));
  }

  @Override
  public EvaluationStore evaluationStore() {
    return new ClickHouseEvaluationStore(new Replacing(sql, versions));
  }

  @Override
  public AlertStore alertStore() {
    return new ClickHouseAlertStore(new Replacing(sql, versions));
  }

  @Override
  public AnalyticsStore analyticsStore() {
    return new ClickHouseAnalyticsStore(sql);
  }

  @Override
  public ObservationConsumer observationConsumer(MergeHook onMerge) {
    requireNonNull(onMerge, "onMerge");
    return batch -> writer.write(batch, onMerge);
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
  public ModelPriceStore modelPriceStore() {
    return modelPriceStore;
  }

  @Override
  public List<LogPosition> logPositions(String log) {
    requireNonNull(log, "log");
    return sql.query(
        "SELECT partition, next FROM log_positions FINAL WHERE log = {log:String}"
            + " ORDER BY partition",
        Map.of("log", log),
        r -> new LogPosition(log, r.int32(), r.int64()));
  }

  @Override
  public CheckResult check() {
    try {
      sql.queryLong("SELECT toInt64(count()) FROM system.one", Map.of());
      return CheckResult.OK;
    } catch (RuntimeException e) {
      return CheckResult.failed(e);
    }
  }

  @Override
  public void close() {
    sql.close();
  }

  @Override
  public String toString() {
    return "ClickHouseStorage{database=" + sql.database() + "}";
  }
}
