package dev.loupe.storage.clickhouse;

import dev.loupe.storage.ScoreQuery;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The FROM and WHERE of a score search: {@code scores s} (live rows), and {@code t}, the scored
 * trace's facts, joined by id among the project's live trace rows. An unmatched {@code t} has
 * {@code found = 0} and ClickHouse's join defaults (NULL user, no tags), so a filter on the trace
 * never matches a score without a trace row.
 */
final class ScoreSearchSql {
  final Params params = new Params();
  private final List<String> where = new ArrayList<>();
  private final String from;

  ScoreSearchSql(ScoreQuery q) {
    String project = params.string(q.projectId());
    from =
        " FROM scores s FINAL LEFT JOIN (SELECT id, user_id, tags, environment, session_id,"
            + " toUInt8(1) AS found FROM traces FINAL WHERE project_id = "
            + project
            + ") t ON t.id = s.trace_id";
    where.add("s.project_id = " + project);
    eq("s.name", q.name());
    eq("s.source", q.source() == null ? null : q.source().name());
    eq("s.data_type", q.dataType() == null ? null : q.dataType().name());
    eq("s.config_id", q.configId());
    eq("s.queue_id", q.queueId());
    eq("s.trace_id", q.traceId());
    eq("s.session_id", q.sessionId());
    eq("s.dataset_run_id", q.datasetRunId());
    eq("t.user_id", q.userId());
    if (q.fromTimestamp() != null) where.add("s.timestamp >= " + params.micros(q.fromTimestamp()));
    if (q.toTimestamp() != null) where.add("s.timestamp < " + params.micros(q.toTimestamp()));
    if (!q.observationIds().isEmpty()) {
      where.add("s.observation_id IN " + params.strings(q.observationIds()));
    }
    if (!q.environments().isEmpty()) {
      where.add("s.environment IN " + params.strings(q.environments()));
    }
    if (!q.scoreIds().isEmpty()) where.add("s.id IN " + params.strings(q.scoreIds()));
    if (!q.traceTags().isEmpty()) {
      where.add("t.found = 1 AND hasAll(t.tags, " + params.strings(q.traceTags()) + ")");
    }
    if (q.value() != null) {
      // a TEXT score's NULL value compares to NULL, which no filter keeps
      where.add(
          "s.value " + q.value().operator().symbol() + " " + params.float64(q.value().threshold()));
    }
  }

  private void eq(String column, @Nullable String value) {
    if (value != null) where.add(column + " = " + params.string(value));
  }

  /** {@code FROM ... WHERE ...} for a count or a page. */
  String fromWhere() {
    return from + " WHERE " + String.join(" AND ", where);
  }
}
