package dev.loupe.storage.duckdb;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code trace_rollups} rows: the DDL, the load's column order and the select list side by side,
 * and the aggregate that computes a rollup's observation part from stored observation rows with the
 * rules of {@link Rollup} (the migration's backfill and the writer's recount).
 */
final class RollupRows {
  static final String DDL =
      """
      CREATE TABLE IF NOT EXISTS trace_rollups(
        seq BIGINT NOT NULL, key BIGINT NOT NULL, project_id VARCHAR NOT NULL, trace_id VARCHAR NOT NULL,
        trace_seq BIGINT, timestamp TIMESTAMP, name VARCHAR, user_id VARCHAR, session_id VARCHAR,
        tags VARCHAR[], environment VARCHAR, release VARCHAR, version VARCHAR,
        observations BIGINT NOT NULL, first_start TIMESTAMP, last_end TIMESTAMP,
        total_cost DECIMAL(38,12), input_cost DECIMAL(38,12), output_cost DECIMAL(38,12),
        input_tokens HUGEINT NOT NULL, output_tokens HUGEINT NOT NULL, total_tokens HUGEINT NOT NULL,
        cached_tokens HUGEINT NOT NULL, reasoning_tokens HUGEINT NOT NULL, errors BIGINT NOT NULL,
        unpriced BIGINT NOT NULL)""";

  /**
   * The observation part of a rollup, in table order: each column with what it sums over a trace's
   * observation rows {@code o} (grouped by {@code o.trace_key}). The measure columns hold what a
   * total counts (0 / NULL for an observation whose usage is its descendants').
   */
  private static final String[][] PARTS = {
    {"observations", "count(*)"},
    {"first_start", "min(o.start_time)"},
    {"last_end", "max(coalesce(o.end_time, o.start_time))"},
    {"total_cost", "sum(o.total_cost)::DECIMAL(38,12)"},
    {"input_cost", "sum(o.input_cost)::DECIMAL(38,12)"},
    {"output_cost", "sum(o.output_cost)::DECIMAL(38,12)"},
    {"input_tokens", "sum(o.input_tokens)::HUGEINT"},
    {"output_tokens", "sum(o.output_tokens)::HUGEINT"},
    {"total_tokens", "sum(o.total_tokens)::HUGEINT"},
    {"cached_tokens", "sum(o.cached_tokens)::HUGEINT"},
    {"reasoning_tokens", "sum(o.reasoning_tokens)::HUGEINT"},
    {"errors", "count(*) FILTER (WHERE o.level = 'ERROR')"},
    {"unpriced", "count(*) FILTER (WHERE o.cost_source = 'NO_PRICE')"}
  };

  /** A stored rollup's columns, aliased {@code r}, for {@link #decode}: add a WHERE clause. */
  static final String SELECT =
      "SELECT r.seq, r.key, r.project_id, r.trace_id, r.trace_seq, epoch_us(r.timestamp), r.name,"
          + " r.user_id, r.session_id, r.tags, r.environment, r.release, r.version, "
          + observationPart("r")
          + " FROM trace_rollups r";

  /**
   * Per trace key, the observation part of the rows of {@code observations o} under a WHERE clause
   * to add, as (key, then what {@link #addObservationPart} reads).
   */
  static String recount(String where) {
    return "SELECT a.key, "
        + observationPart("a")
        + " FROM (SELECT o.trace_key AS key, "
        + aggregates()
        + " FROM observations o "
        + where
        + " GROUP BY o.trace_key) a";
  }

  /**
   * The rollups of every trace key with a trace row or observations, computed from the stored rows,
   * in table order (the migration's backfill).
   */
  static final String FROM_STORED_ROWS =
      "WITH a AS (SELECT o.trace_key AS key, any_value(o.project_id) AS project_id,"
          + " any_value(o.trace_id) AS trace_id, max(o.seq) AS seq, "
          + aggregates()
          + " FROM observations o GROUP BY o.trace_key)"
          + " SELECT greatest(coalesce(a.seq, t.seq), coalesce(t.seq, a.seq)), coalesce(t.key, a.key),"
          + " coalesce(t.project_id, a.project_id), coalesce(t.id, a.trace_id), t.seq, t.timestamp,"
          + " t.name, t.user_id, t.session_id, t.tags, t.environment, t.release, t.version, "
          + withDefaults()
          + " FROM a FULL OUTER JOIN traces t ON t.key = a.key ORDER BY 1";

  private RollupRows() {}

  static void add(TableLoad load, long seq, Rollup r) {
    load.beginRow().add(seq).add(r.trace.key()).add(r.trace.projectId()).add(r.trace.id());
    Rollup.TraceFields f = r.fields;
    if (f == null) {
      for (int i = 0; i < 9; i++) load.addNull();
    } else {
      load.add(r.traceSeq)
          .addMicros(f.timestamp())
          .add(f.name())
          .add(f.userId())
          .add(f.sessionId())
          .add(f.tags())
          .add(f.environment())
          .add(f.release())
          .add(f.version());
    }
    load.add(r.observations);
    if (r.observations == 0) {
      load.addNull().addNull();
    } else {
      load.addMicros(r.firstStart).addMicros(r.lastEnd);
    }
    load.add(r.totalCost).add(r.inputCost).add(r.outputCost);
    for (HugeSum s : r.tokens()) load.add(s);
    load.add(r.errors).add(r.unpriced).endRow();
  }

  /** A stored rollup from {@link #SELECT}'s columns. */
  static Rollup decode(ResultSet rs) throws SQLException {
    Rollup r = new Rollup(new RowKey(rs.getString(3), rs.getString(4), rs.getLong(2)));
    r.storedSeq = rs.getLong(1);
    long traceSeq = rs.getLong(5);
    if (!rs.wasNull()) {
      r.traceSeq = traceSeq;
      r.fields =
          new Rollup.TraceFields(
              rs.getLong(6),
              rs.getString(7),
              rs.getString(8),
              rs.getString(9),
              TraceRows.strings(rs.getArray(10)),
              rs.getString(11),
              rs.getString(12),
              rs.getString(13));
    }
    addObservationPart(r, rs, 14);
    return r;
  }

  /** Adds the observation part read with {@link #observationPart} from column {@code at} on. */
  static void addObservationPart(Rollup r, ResultSet rs, int at) throws SQLException {
    long count = rs.getLong(at);
    if (count == 0) return;
    r.times(count, rs.getLong(at + 1), rs.getLong(at + 2));
    r.totalCost = Rollup.plus(r.totalCost, rs.getBigDecimal(at + 3));
    r.inputCost = Rollup.plus(r.inputCost, rs.getBigDecimal(at + 4));
    r.outputCost = Rollup.plus(r.outputCost, rs.getBigDecimal(at + 5));
    HugeSum[] tokens = r.tokens();
    for (int i = 0; i < tokens.length; i++) tokens[i].add(new BigInteger(rs.getString(at + 6 + i)));
    r.errors += rs.getLong(at + 11);
    r.unpriced += rs.getLong(at + 12);
  }

  /** The observation part's columns of {@code alias}: times as epoch micros, tokens as text. */
  private static String observationPart(String alias) {
    List<String> columns = new ArrayList<>();
    for (String[] part : PARTS) {
      String c = alias + "." + part[0];
      if (part[1].startsWith("min(") || part[1].startsWith("max(")) c = "epoch_us(" + c + ")";
      else if (part[1].endsWith("HUGEINT")) c = c + "::VARCHAR";
      columns.add(c);
    }
    return String.join(", ", columns);
  }

  /** The aggregates named as the table's columns. */
  private static String aggregates() {
    List<String> columns = new ArrayList<>();
    for (String[] part : PARTS) columns.add(part[1] + " AS " + part[0]);
    return String.join(", ", columns);
  }

  /** The aggregate's columns, 0 (or NULL) for a trace row without observations. */
  private static String withDefaults() {
    List<String> columns = new ArrayList<>();
    for (String[] part : PARTS) {
      boolean nullable = part[1].startsWith("min(") || part[1].startsWith("max(");
      nullable |= part[0].endsWith("_cost");
      columns.add(nullable ? "a." + part[0] : "coalesce(a." + part[0] + ", 0)");
    }
    return String.join(", ", columns);
  }
}
