package dev.loupe.storage.duckdb;

import dev.loupe.model.Level;
import dev.loupe.storage.SortDirection;
import dev.loupe.storage.TraceQuery;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * SQL of a trace search over {@code trace_rollups r}: one row per trace with the trace row's list
 * fields and its observations' figures, so every filter and order, and the count, read that table
 * alone (a rollup without a trace row is no trace yet and never listed). Only the level (other than
 * ERROR) and model filters look at the observations, as a semi-join; the full-text filter reads the
 * payloads of the trace rows in the query's project and time range ({@link PayloadMatch}).
 */
final class TraceSearch {
  /** The largest DECIMAL(38,12), which a cost sum cannot exceed. */
  private static final BigDecimal MAX_SUM =
      new BigDecimal("99999999999999999999999999.999999999999");

  /**
   * A rollup's latency in microseconds, saturating; NULL without observations (DuckDB's {@code
   * least} skips NULL arguments, so the CASE is needed).
   */
  static final String LATENCY_US =
      "CASE WHEN r.observations > 0 THEN least(epoch_us(r.last_end)::HUGEINT"
          + " - epoch_us(r.first_start), 9223372036854775807)::BIGINT END";

  /** A rollup's total tokens as a long (the sum clamped). */
  static final String TOTAL_TOKENS = clamp("r.total_tokens");

  static final String FROM = " FROM trace_rollups r";

  /**
   * What a list shows of each trace: key, id, the trace row's seq, total cost (NULL when none),
   * first start and last end (epoch micros, NULL without observations), tokens, errors, unpriced.
   */
  static final String FIGURES =
      "r.key, r.trace_id, r.trace_seq, r.total_cost, epoch_us(r.first_start), epoch_us(r.last_end), "
          + TOTAL_TOKENS
          + ", r.errors, r.unpriced";

  private TraceSearch() {}

  /** {@link #where} with no lower bound on the observations' write groups. */
  static SqlWhere where(TraceQuery q) {
    return where(q, null);
  }

  /**
   * True when the search looks at the observations (the level filter other than ERROR, the model
   * filter) and something bounds the traces it keeps (a time range, a user, a session, a name), so
   * that {@link #firstSeq} can keep that look to the write groups of those traces.
   */
  static boolean boundsObservations(TraceQuery q) {
    boolean looks = q.model() != null || (q.level() != null && q.level() != Level.ERROR);
    return looks
        && (q.fromTimestamp() != null
            || q.userId() != null
            || q.sessionId() != null
            || q.name() != null);
  }

  /**
   * The first write group (seq) that wrote rows of any trace the search's own filters on the rollup
   * keep (not those on observations, full text or scores: a bound, so fewer conditions only make it
   * looser), NULL when none: every observation of those traces was written in that group or later
   * ({@code trace_writes} lists each group that touched a trace), so {@code o.seq >= first} loses
   * none while the zone maps of {@code seq} skip the older row groups. Over a day of a month that
   * reads a thirtieth of the observations. Parameters: {@link #rollupWhere}'s.
   */
  static String firstSeq(SqlWhere rollupWhere) {
    return "SELECT min(w.seq) FROM trace_writes w WHERE w.key IN (SELECT r.key"
        + FROM
        + rollupWhere.sql()
        + ")";
  }

  /** The conditions of {@link #where} that read the rollup row alone and cost little. */
  static SqlWhere rollupWhere(TraceQuery q) {
    return new SqlWhere()
        .and("r.project_id = ?", q.projectId())
        .and("r.trace_seq IS NOT NULL")
        .eq("r.user_id", q.userId())
        .eq("r.name", q.name())
        .eq("r.session_id", q.sessionId())
        .range("r.timestamp", q.fromTimestamp(), q.toTimestamp());
  }

  /**
   * The search's WHERE clause; {@code firstSeq}, when set, the {@link #firstSeq} of the search,
   * which the observation filters then start from.
   */
  static SqlWhere where(TraceQuery q, @Nullable Long firstSeq) {
    SqlWhere w = rollupWhere(q).eq("r.version", q.version()).eq("r.release", q.release());
    if (!q.tags().isEmpty())
      w.and("list_has_all(r.tags, ?::VARCHAR[])", new SqlWhere.Strings(q.tags()));
    if (!q.environments().isEmpty()) {
      w.and("r.environment = ANY(?::VARCHAR[])", new SqlWhere.Strings(q.environments()));
    }
    if (q.search() != null) {
      w.and(
          "(contains(lower(r.name), lower(?)) OR starts_with(r.trace_id, ?))",
          q.search(),
          q.search());
    }
    if (q.fullText() != null) {
      // the trace row's payload, within the same project and time range as the rollups (the
      // trace row's timestamp is the rollup's), so the payload reads stay within the range
      SqlWhere rows =
          new SqlWhere()
              .and("t.project_id = ?", q.projectId())
              .range("t.timestamp", q.fromTimestamp(), q.toTimestamp())
              .and(PayloadMatch.sql("t", 0), q.fullText().term());
      w.and(
          "(contains(lower(r.name), lower(?)) OR r.key IN (SELECT t.key FROM traces t"
              + rows.sql()
              + "))",
          concat(q.fullText().term(), rows.params()));
    }
    TraceQuery.ScoreFilter score = q.score();
    if (score != null) {
      String exists =
          "EXISTS (SELECT 1 FROM scores s WHERE s.project_id = r.project_id"
              + " AND s.trace_id = r.trace_id AND s.name = ?";
      if (score.value() == null) {
        w.and(exists + ")", score.name());
      } else {
        w.and(
            exists + " AND s.value " + score.value().operator().symbol() + " ?)",
            score.name(),
            score.value().threshold());
      }
    }
    if (q.level() == Level.ERROR) w.and("r.errors > 0");
    else if (q.level() != null) observations(w, "o.level = ?", q.level().name(), q, firstSeq);
    if (q.model() != null) observations(w, "o.model = ?", q.model(), q, firstSeq);
    // costs compare exactly at the column scale: a bound with more digits rounds towards the
    // inside of the range, which keeps the same sums
    if (q.minCost() != null) {
      w.and(
          "coalesce(r.total_cost, 0) >= ?::DECIMAL(38,12)",
          cost(q.minCost(), RoundingMode.CEILING).toPlainString());
    }
    if (q.maxCost() != null) {
      w.and(
          "coalesce(r.total_cost, 0) <= ?::DECIMAL(38,12)",
          cost(q.maxCost(), RoundingMode.FLOOR).toPlainString());
    }
    if (q.minLatency() != null) {
      w.and(LATENCY_US + " >= ?", micros(q.minLatency(), RoundingMode.CEILING));
    }
    if (q.maxLatency() != null) {
      w.and(LATENCY_US + " <= ?", micros(q.maxLatency(), RoundingMode.FLOOR));
    }
    return w;
  }

  /** The requested column with nulls last, then id, both in the requested direction. */
  static String orderBy(TraceQuery q) {
    String dir = q.direction() == SortDirection.ASC ? "ASC" : "DESC";
    String column =
        switch (q.orderBy()) {
          case TIMESTAMP -> "r.timestamp";
          case NAME -> "r.name";
          case USER_ID -> "r.user_id";
          case SESSION_ID -> "r.session_id";
          case RELEASE -> "r.release";
          case VERSION -> "r.version";
          case LATENCY -> LATENCY_US;
          case COST -> "coalesce(r.total_cost, 0)";
          case TOKENS -> TOTAL_TOKENS;
          case ID -> null;
        };
    String byId = "r.trace_id " + dir;
    return " ORDER BY " + (column == null ? byId : column + " " + dir + " NULLS LAST, " + byId);
  }

  private static Object[] concat(Object first, Object[] rest) {
    Object[] out = new Object[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  /** A HUGEINT sum as a BIGINT, stopping at the long range. */
  static String clamp(String hugeint) {
    return "greatest(least(" + hugeint + ", 9223372036854775807), -9223372036854775808)::BIGINT";
  }

  /**
   * Adds: the rollup's trace has an observation matching {@code condition} (one parameter), among
   * those written from {@code firstSeq} on when set.
   */
  private static void observations(
      SqlWhere w, String condition, String value, TraceQuery q, @Nullable Long firstSeq) {
    String sql = "r.key IN (SELECT o.trace_key FROM observations o WHERE o.project_id = ? AND ";
    if (firstSeq == null) {
      w.and(sql + condition + ")", q.projectId(), value);
    } else {
      w.and(sql + "o.seq >= ? AND " + condition + ")", q.projectId(), firstSeq, value);
    }
  }

  /** {@code usd} at the sum's scale, rounded as asked, within DECIMAL(38,12). */
  static BigDecimal cost(BigDecimal usd, RoundingMode rounding) {
    if (usd.compareTo(MAX_SUM) > 0) return MAX_SUM;
    if (usd.compareTo(MAX_SUM.negate()) < 0) return MAX_SUM.negate();
    if (usd.signum() != 0 && usd.precision() - usd.scale() <= -Decimals.SCALE) {
      // |usd| < 1e-12: decided by sign and rounding, without dividing by a huge power of ten
      BigDecimal unit = BigDecimal.ONE.movePointLeft(Decimals.SCALE);
      boolean up = rounding == RoundingMode.CEILING;
      return usd.signum() > 0
          ? (up ? unit : BigDecimal.ZERO)
          : (up ? BigDecimal.ZERO : unit.negate());
    }
    return usd.setScale(Decimals.SCALE, rounding);
  }

  /** Whole microseconds (the stored precision), rounded as asked, saturating. */
  static long micros(Duration d, RoundingMode rounding) {
    BigDecimal nanos =
        new BigDecimal(d.getSeconds()).movePointRight(9).add(new BigDecimal(d.getNano()));
    BigDecimal us = nanos.movePointLeft(3).setScale(0, rounding);
    if (us.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) return Long.MAX_VALUE;
    if (us.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) return Long.MIN_VALUE;
    return us.longValueExact();
  }
}
