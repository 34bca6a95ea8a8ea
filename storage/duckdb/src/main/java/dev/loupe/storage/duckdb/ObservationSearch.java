package dev.loupe.storage.duckdb;

import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.SortDirection;
import java.math.RoundingMode;

/**
 * SQL of an observation search: filters on the {@code observations} table (alias {@code o}); the
 * trace's user, session and tags through {@code trace_rollups}, which copies them from the trace
 * row.
 */
final class ObservationSearch {
  /** {@code Observation.totalCost()}, none as zero: the total entry, else the sum of the others. */
  static final String COST =
      "coalesce(o.cost_total, coalesce(o.cost_input, 0) + coalesce(o.cost_output, 0)"
          + " + coalesce(list_sum(map_values(o.cost_other)), 0))";

  /** {@code Observation.totalTokens()}: the total entry, else the sum of all, saturating. */
  static final String TOKENS =
      "coalesce(o.usage_total, "
          + TraceSearch.clamp(
              "coalesce(o.usage_input, 0)::HUGEINT + coalesce(o.usage_output, 0)"
                  + " + coalesce(list_sum(map_values(o.usage_other)), 0)")
          + ")";

  /** Latency in microseconds, as the writer stored it ({@link SchemaV10}); NULL without an end. */
  static final String LATENCY_US = "o.duration_us";

  private ObservationSearch() {}

  static SqlWhere where(ObservationQuery q) {
    SqlWhere w =
        new SqlWhere()
            .and("o.project_id = ?", q.projectId())
            .eq("o.type", q.type() == null ? null : q.type().name())
            .eq("o.name", q.name())
            .eq("o.level", q.level() == null ? null : q.level().name())
            .eq("o.parent_observation_id", q.parentObservationId())
            .eq("o.release", q.release())
            .eq("o.version", q.version())
            .eq("o.model", q.model())
            .range("o.start_time", q.fromStartTime(), q.toStartTime());
    if (!q.environments().isEmpty()) {
      w.and("o.environment = ANY(?::VARCHAR[])", new SqlWhere.Strings(q.environments()));
    }
    if (q.traceId() != null) {
      w.and(
          "o.trace_key = ? AND o.trace_id = ?",
          RowKeys.of(q.projectId(), q.traceId()),
          q.traceId());
    }
    if (q.byTrace()) {
      SqlWhere t =
          new SqlWhere()
              .and("r.project_id = ?", q.projectId())
              .and("r.trace_seq IS NOT NULL")
              .eq("r.user_id", q.userId())
              .eq("r.session_id", q.sessionId());
      if (!q.tags().isEmpty()) {
        t.and("list_has_all(r.tags, ?::VARCHAR[])", new SqlWhere.Strings(q.tags()));
      }
      w.and("o.trace_key IN (SELECT r.key FROM trace_rollups r" + t.sql() + ")", t.params());
    }
    if (q.search() != null) {
      w.and("(contains(lower(o.name), lower(?)) OR starts_with(o.id, ?))", q.search(), q.search());
    }
    if (q.fullText() != null) {
      w.and(
          "(contains(lower(o.name), lower(?)) OR " + PayloadMatch.sql("o", 2) + ")",
          q.fullText().term(),
          q.fullText().term());
    }
    if (q.minCost() != null) {
      w.and(
          COST + " >= ?::DECIMAL(38,12)",
          TraceSearch.cost(q.minCost(), RoundingMode.CEILING).toPlainString());
    }
    if (q.maxCost() != null) {
      w.and(
          COST + " <= ?::DECIMAL(38,12)",
          TraceSearch.cost(q.maxCost(), RoundingMode.FLOOR).toPlainString());
    }
    if (q.minLatency() != null) {
      w.and(LATENCY_US + " >= ?", TraceSearch.micros(q.minLatency(), RoundingMode.CEILING));
    }
    if (q.maxLatency() != null) {
      w.and(LATENCY_US + " <= ?", TraceSearch.micros(q.maxLatency(), RoundingMode.FLOOR));
    }
    return w;
  }

  /** The requested column with nulls last, then id, both in the requested direction. */
  static String orderBy(ObservationQuery q) {
    String dir = q.direction() == SortDirection.ASC ? "ASC" : "DESC";
    String column =
        switch (q.orderBy()) {
          case START_TIME -> "o.start_time";
          case LATENCY -> LATENCY_US;
          case COST -> COST;
          case TOKENS -> TOKENS;
        };
    return " ORDER BY " + column + " " + dir + " NULLS LAST, o.id " + dir;
  }
}
