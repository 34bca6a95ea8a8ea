package dev.loupe.storage.duckdb;

import dev.loupe.storage.SortDirection;
import dev.loupe.storage.TraceQuery;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * SQL of a trace search: filters on the {@code traces} table (alias {@code t}) and the stable
 * order. A search that filters or sorts on the observations ({@link TraceQuery#byObservations()})
 * joins one aggregate row per trace (alias {@code a}, see {@link #fromWithAggregate}) computed in a
 * single pass over the project's observations, from the first write group of the traces the trace
 * filters keep on (all of them without trace filters).
 */
final class TraceSearch {
  /** The largest DECIMAL(38,12), which a cost sum cannot exceed. */
  private static final BigDecimal MAX_SUM =
      new BigDecimal("99999999999999999999999999.999999999999");

  private TraceSearch() {}

  static SqlWhere where(TraceQuery q) {
    SqlWhere w =
        new SqlWhere()
            .and("t.project_id = ?", q.projectId())
            .eq("t.user_id", q.userId())
            .eq("t.name", q.name())
            .eq("t.session_id", q.sessionId())
            .eq("t.version", q.version())
            .eq("t.release", q.release())
            .range("t.timestamp", q.fromTimestamp(), q.toTimestamp());
    if (!q.tags().isEmpty())
      w.and("list_has_all(t.tags, ?::VARCHAR[])", new SqlWhere.Strings(q.tags()));
    if (!q.environments().isEmpty()) {
      w.and("t.environment = ANY(?::VARCHAR[])", new SqlWhere.Strings(q.environments()));
    }
    if (q.search() != null) {
      w.and("(contains(lower(t.name), lower(?)) OR starts_with(t.id, ?))", q.search(), q.search());
    }
    TraceQuery.ScoreFilter score = q.score();
    if (score != null) {
      String exists =
          "EXISTS (SELECT 1 FROM scores s WHERE s.project_id = t.project_id AND s.trace_id = t.id"
              + " AND s.name = ?";
      if (score.value() == null) {
        w.and(exists + ")", score.name());
      } else {
        w.and(
            exists + " AND s.value " + score.value().operator().symbol() + " ?)",
            score.name(),
            score.value().threshold());
      }
    }
    return w;
  }

  /**
   * {@link #where} plus the conditions on the aggregate {@code a}: level and model presence, cost
   * and latency bounds. Costs compare exactly at the column scale: a bound with more digits rounds
   * towards the inside of the range, which keeps the same sums.
   */
  static SqlWhere whereWithAggregate(TraceQuery q) {
    SqlWhere w = where(q);
    if (q.level() != null) w.and("a.has_level");
    if (q.model() != null) w.and("a.has_model");
    if (q.minCost() != null) {
      w.and(
          "coalesce(a.cost, 0) >= ?::DECIMAL(38,12)",
          cost(q.minCost(), RoundingMode.CEILING).toPlainString());
    }
    if (q.maxCost() != null) {
      w.and(
          "coalesce(a.cost, 0) <= ?::DECIMAL(38,12)",
          cost(q.maxCost(), RoundingMode.FLOOR).toPlainString());
    }
    if (q.minLatency() != null) {
      w.and("a.latency_us >= ?", micros(q.minLatency(), RoundingMode.CEILING));
    }
    if (q.maxLatency() != null) {
      w.and("a.latency_us <= ?", micros(q.maxLatency(), RoundingMode.FLOOR));
    }
    return w;
  }

  /** True when a condition of {@link #whereWithAggregate} reads the aggregate. */
  static boolean filtersByAggregate(TraceQuery q) {
    return q.level() != null
        || q.model() != null
        || q.minCost() != null
        || q.maxCost() != null
        || q.minLatency() != null
        || q.maxLatency() != null;
  }

  /**
   * True when the query filters the traces on more than the project: then {@link #FIRST_SEQ} finds
   * the first write group of the traces it keeps, and the aggregate reads from there on only.
   */
  static boolean narrowsTraces(TraceQuery q) {
    return q.userId() != null
        || q.name() != null
        || q.sessionId() != null
        || q.version() != null
        || q.release() != null
        || q.fromTimestamp() != null
        || q.toTimestamp() != null
        || !q.tags().isEmpty()
        || !q.environments().isEmpty()
        || q.search() != null;
  }

  /**
   * The first write group (seq) that touched any trace {@link #where} keeps, NULL when it keeps
   * none: every observation of those traces was written in that group or later ({@code
   * trace_writes} lists each group that wrote a trace's rows), so {@code o.seq >= first} loses none
   * of them while the zone maps of {@code seq} skip the older row groups. Add the WHERE clause and
   * a closing parenthesis.
   */
  static final String FIRST_SEQ =
      "SELECT min(w.seq) FROM trace_writes w WHERE w.key IN (SELECT t.key FROM traces t";

  /**
   * {@code traces t} left-joined with one aggregate row per trace {@code a} over the project's
   * observations from write group {@code firstSeq} on: {@code cost} (null when no observation has
   * one), {@code tokens}, {@code latency_us}, and {@code has_level} / {@code has_model} when those
   * filters are set. Parameters: {@link #aggregateParams}, then the WHERE clause's.
   */
  static String fromWithAggregate(TraceQuery q) {
    StringBuilder sql =
        new StringBuilder(
            " FROM traces t LEFT JOIN (SELECT o.trace_key, o.trace_id, sum(o.total_cost) AS cost,"
                + " sum(o.total_tokens) AS tokens,"
                + " least(epoch_us(max(coalesce(o.end_time, o.start_time)))::HUGEINT"
                + " - epoch_us(min(o.start_time)), 9223372036854775807)::BIGINT AS latency_us");
    if (q.level() != null) sql.append(", bool_or(o.level = ?) AS has_level");
    if (q.model() != null) sql.append(", bool_or(o.model = ?) AS has_model");
    return sql.append(" FROM observations o WHERE o.seq >= ? AND o.project_id = ?")
        .append(" GROUP BY o.trace_key, o.trace_id) a ON a.trace_key = t.key AND a.trace_id = t.id")
        .toString();
  }

  /** The parameters of {@link #fromWithAggregate}, in order. */
  static SqlWhere aggregateParams(TraceQuery q, long firstSeq) {
    SqlWhere p = new SqlWhere();
    if (q.level() != null) p.and("level", q.level().name());
    if (q.model() != null) p.and("model", q.model());
    return p.and("seq", firstSeq).and("project", q.projectId());
  }

  /** The requested column with nulls last, then id, both in the requested direction. */
  static String orderBy(TraceQuery q) {
    String dir = q.direction() == SortDirection.ASC ? "ASC" : "DESC";
    String column =
        switch (q.orderBy()) {
          case TIMESTAMP -> "t.timestamp";
          case NAME -> "t.name";
          case USER_ID -> "t.user_id";
          case SESSION_ID -> "t.session_id";
          case RELEASE -> "t.release";
          case VERSION -> "t.version";
          case LATENCY -> "a.latency_us";
          case COST -> "coalesce(a.cost, 0)";
          case TOKENS -> "coalesce(a.tokens, 0)";
          case ID -> null;
        };
    String byId = "t.id " + dir;
    return " ORDER BY " + (column == null ? byId : column + " " + dir + " NULLS LAST, " + byId);
  }

  /** {@code usd} at the sum's scale, rounded as asked, within DECIMAL(38,12). */
  private static BigDecimal cost(BigDecimal usd, RoundingMode rounding) {
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
  private static long micros(Duration d, RoundingMode rounding) {
    BigDecimal nanos =
        new BigDecimal(d.getSeconds()).movePointRight(9).add(new BigDecimal(d.getNano()));
    BigDecimal us = nanos.movePointLeft(3).setScale(0, rounding);
    if (us.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) return Long.MAX_VALUE;
    if (us.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) return Long.MIN_VALUE;
    return us.longValueExact();
  }
}
