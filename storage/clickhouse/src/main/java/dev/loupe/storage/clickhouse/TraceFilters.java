package dev.loupe.storage.clickhouse;

import dev.loupe.storage.TraceQuery;

/**
 * The trace list's filters as SQL on {@code traces} (alias {@code t}): equality filters, tags (all
 * of), environments (any of), the time range, the text search, and the level, model and score
 * filters as semi-joins on the project's observations and scores. Cost and latency bounds need the
 * summaries ({@link TraceSearch}); full text is decided in Java after {@link FullTextSql}'s
 * pre-filter.
 */
final class TraceFilters {
  private TraceFilters() {}

  static Where of(TraceQuery q) {
    Where w = new Where().and("t.project_id = {p:String}", "p", q.projectId());
    if (q.userId() != null) w.and("t.user_id = {userId:String}", "userId", q.userId());
    if (q.name() != null) w.and("t.name = {name:String}", "name", q.name());
    if (q.sessionId() != null)
      w.and("t.session_id = {sessionId:String}", "sessionId", q.sessionId());
    if (q.version() != null) w.and("t.version = {version:String}", "version", q.version());
    if (q.release() != null) w.and("t.release = {release:String}", "release", q.release());
    if (!q.tags().isEmpty()) w.and("hasAll(t.tags, {tags:Array(String)})", "tags", q.tags());
    if (!q.environments().isEmpty()) {
      w.and("t.environment IN {envs:Array(String)}", "envs", q.environments());
    }
    TimeRange.add(w, "t.timestamp", "t.day", q.fromTimestamp(), q.toTimestamp(), "ts");
    if (q.search() != null) {
      w.and(
          "(startsWith(t.id, {search:String})"
              + " OR position(lowerUTF8(ifNull(t.name, '')), lowerUTF8({search:String})) > 0)",
          "search",
          q.search());
    }
    if (q.level() != null) {
      w.and(
          "t.id IN (SELECT trace_id FROM observations FINAL"
              + " WHERE project_id = {p:String} AND level = {level:String})",
          "level",
          q.level().name());
    }
    if (q.model() != null) {
      w.and(
          "t.id IN (SELECT trace_id FROM observations FINAL"
              + " WHERE project_id = {p:String} AND model = {model:String})",
          "model",
          q.model());
    }
    if (q.score() != null) score(w, q.score());
    if (q.fullText() != null) FullTextSql.prefilter(w, q.fullText(), "t");
    return w;
  }

  /**
   * A score of the name on the trace or one of its observations (a score's {@code trace_id} names
   * its trace either way; table {@code scores}, schema step 100) whose number passes the value
   * filter; a text score has no number and never does.
   */
  private static void score(Where w, TraceQuery.ScoreFilter f) {
    String value = "";
    if (f.value() != null) {
      value =
          " AND value IS NOT NULL AND value "
              + f.value().operator().symbol()
              + " {scoreValue:Float64}";
      w.param("scoreValue", Double.toString(f.value().threshold()));
    }
    w.and(
        "t.id IN (SELECT assumeNotNull(trace_id) FROM scores FINAL WHERE project_id = {p:String}"
            + " AND trace_id IS NOT NULL AND name = {scoreName:String}"
            + value
            + ")",
        "scoreName",
        f.name());
  }
}
