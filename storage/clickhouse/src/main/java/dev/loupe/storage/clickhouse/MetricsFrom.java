package dev.loupe.storage.clickhouse;

import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsView;

/**
 * The FROM and the window of a metrics query, one shape per view, each joining only what the query
 * reads ({@link MetricsReads}); every table is read with FINAL, every subquery within the project.
 *
 * <ul>
 *   <li>traces: {@code t} the trace rows in the window; {@code r} their figures aggregated from
 *       their observations (latency, sums of the observations that count, errors), when a measure
 *       needs them. A trace without observations matches no {@code r}: no latency, 0 tokens.
 *   <li>observations: {@code o} in the window; {@code t} its trace row, when read.
 *   <li>scores: {@code s} of the view's data types in the window; {@code t} the scored trace,
 *       {@code o} the scored observation, {@code m} the model of each scored trace's last model
 *       call (the latest start, then the greatest id), each when read.
 * </ul>
 */
final class MetricsFrom {
  private MetricsFrom() {}

  /** {@code FROM ... WHERE <window>}; filters are appended with AND. */
  static String of(MetricsQuery q, MetricsReads reads, Params p) {
    String project = p.string(q.projectId());
    long from = TimeRange.ceilMicros(q.from()), to = TimeRange.ceilMicros(q.to());
    String fromDay = p.typed("Date", Days.date(q.from())),
        toDay = p.typed("Date", Days.date(q.to()));
    String f = p.int64(from), t = p.int64(to);
    if (q.view() == MetricsView.TRACES) {
      String window = window("timestamp", f, t, fromDay, toDay);
      String traces = "SELECT id FROM traces FINAL WHERE project_id = " + project + window;
      StringBuilder sb = new StringBuilder(" FROM traces AS t FINAL");
      if (reads.figures()) {
        sb.append(" LEFT JOIN (SELECT ")
            .append(TraceFigures.COLUMNS)
            .append(" FROM observations FINAL WHERE project_id = ")
            .append(project)
            .append(" AND trace_id IN (")
            .append(traces)
            .append(") GROUP BY trace_id) AS r ON r.trace_id = t.id");
      }
      return sb
          + " WHERE t.project_id = "
          + project
          + window("t.timestamp", f, t, "t.day", fromDay, toDay);
    }
    if (q.view() == MetricsView.OBSERVATIONS) {
      StringBuilder sb = new StringBuilder(" FROM observations AS o FINAL");
      String window = window("o.start_time", f, t, "o.day", fromDay, toDay);
      if (reads.trace()) {
        sb.append(" LEFT JOIN (SELECT id, name, user_id, session_id, tags FROM traces FINAL")
            .append(" WHERE project_id = ")
            .append(project)
            .append(" AND id IN (SELECT trace_id FROM observations WHERE project_id = ")
            .append(project)
            .append(window("start_time", f, t, fromDay, toDay))
            .append(")) AS t ON t.id = o.trace_id");
      }
      return sb + " WHERE o.project_id = " + project + window;
    }
    String scored =
        " FROM scores WHERE project_id = "
            + project
            + " AND timestamp >= "
            + f
            + " AND timestamp < "
            + t;
    StringBuilder sb = new StringBuilder(" FROM scores AS s FINAL");
    if (reads.trace()) {
      sb.append(" LEFT JOIN (SELECT id, name, user_id, session_id, tags FROM traces FINAL")
          .append(" WHERE project_id = ")
          .append(project)
          .append(" AND id IN (SELECT trace_id")
          .append(scored)
          .append(")) AS t ON t.id = s.trace_id");
    }
    if (reads.observation()) {
      sb.append(" LEFT JOIN (SELECT trace_id, id, name, model FROM observations FINAL")
          .append(" WHERE project_id = ")
          .append(project)
          .append(" AND id IN (SELECT observation_id")
          .append(scored)
          .append(")) AS o ON o.trace_id = s.trace_id AND o.id = s.observation_id");
    }
    if (reads.model()) {
      sb.append(" LEFT JOIN (SELECT trace_id, argMax(model, (start_time, id)) AS last_model")
          .append(" FROM observations FINAL WHERE project_id = ")
          .append(project)
          .append(" AND model IS NOT NULL AND trace_id IN (SELECT trace_id")
          .append(scored)
          .append(") GROUP BY trace_id) AS m ON m.trace_id = s.trace_id");
    }
    String types =
        q.view() == MetricsView.SCORES_NUMERIC
            ? "s.data_type IN ('NUMERIC', 'BOOLEAN')"
            : "s.data_type = 'CATEGORICAL'";
    return sb
        + " WHERE s.project_id = "
        + project
        + " AND s.timestamp >= "
        + f
        + " AND s.timestamp < "
        + t
        + " AND "
        + types;
  }

  /** The window on a time column and its day column (for partition pruning). */
  private static String window(
      String time, String from, String to, String day, String fromDay, String toDay) {
    return " AND " + time + " >= " + from + " AND " + time + " < " + to + " AND " + day + " >= "
        + fromDay + " AND " + day + " <= " + toDay;
  }

  private static String window(String time, String from, String to, String fromDay, String toDay) {
    return window(time, from, to, "day", fromDay, toDay);
  }
}
