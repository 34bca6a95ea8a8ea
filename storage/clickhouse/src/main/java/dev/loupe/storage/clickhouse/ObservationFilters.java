package dev.loupe.storage.clickhouse;

import dev.loupe.storage.ObservationQuery;

/**
 * The observation list's filters as SQL on {@code observations} (alias {@code o}); the trace's
 * user, session and tags as a semi-join on the project's traces (FINAL, so a trace's newest version
 * decides).
 */
final class ObservationFilters {
  private ObservationFilters() {}

  static Where of(ObservationQuery q) {
    Where w = new Where().and("o.project_id = {p:String}", "p", q.projectId());
    if (q.type() != null) w.and("o.type = {type:String}", "type", q.type().name());
    if (q.name() != null) w.and("o.name = {name:String}", "name", q.name());
    if (q.level() != null) w.and("o.level = {level:String}", "level", q.level().name());
    if (q.traceId() != null) w.and("o.trace_id = {traceId:String}", "traceId", q.traceId());
    if (q.parentObservationId() != null) {
      w.and("o.parent_observation_id = {parent:String}", "parent", q.parentObservationId());
    }
    if (!q.environments().isEmpty()) {
      w.and("o.environment IN {envs:Array(String)}", "envs", q.environments());
    }
    if (q.release() != null) w.and("o.release = {release:String}", "release", q.release());
    if (q.version() != null) w.and("o.version = {version:String}", "version", q.version());
    if (q.model() != null) w.and("o.model = {model:String}", "model", q.model());
    if (q.search() != null) {
      w.and(
          "(startsWith(o.id, {search:String})"
              + " OR position(lowerUTF8(ifNull(o.name, '')), lowerUTF8({search:String})) > 0)",
          "search",
          q.search());
    }
    String cost = "ifNull(o.total_cost, toDecimal64(0, 12))";
    if (q.minCost() != null) {
      w.and(
          cost + " >= toDecimal128({minCost:String}, 12)",
          "minCost",
          Decimals.lowerBound(q.minCost()));
    }
    if (q.maxCost() != null) {
      w.and(
          cost + " <= toDecimal128({maxCost:String}, 12)",
          "maxCost",
          Decimals.upperBound(q.maxCost()));
    }
    String latency = "(toInt128(o.end_time) - toInt128(o.start_time))";
    if (q.minLatency() != null) {
      w.and(
          "o.end_time IS NOT NULL AND " + latency + " >= toInt128({minLatency:String})",
          "minLatency",
          Latency.lowerBound(q.minLatency()));
    }
    if (q.maxLatency() != null) {
      w.and(
          "o.end_time IS NOT NULL AND " + latency + " <= toInt128({maxLatency:String})",
          "maxLatency",
          Latency.upperBound(q.maxLatency()));
    }
    TimeRange.add(w, "o.start_time", "o.day", q.fromStartTime(), q.toStartTime(), "start");
    if (q.byTrace()) {
      Where t = new Where().and("project_id = {p:String}");
      if (q.userId() != null) t.and("user_id = {userId:String}", "userId", q.userId());
      if (q.sessionId() != null)
        t.and("session_id = {sessionId:String}", "sessionId", q.sessionId());
      if (!q.tags().isEmpty()) t.and("hasAll(tags, {tags:Array(String)})", "tags", q.tags());
      w.and("o.trace_id IN (SELECT id FROM traces FINAL WHERE " + t.sql() + ")");
      t.params().forEach(w::param);
    }
    if (q.fullText() != null) FullTextSql.prefilter(w, q.fullText(), "o");
    return w;
  }

  /** The order: the requested column (no latency last, no cost as zero), then id the same way. */
  static String order(ObservationQuery q) {
    String dir = q.direction().name();
    String byId = "o.id " + dir;
    return switch (q.orderBy()) {
      case START_TIME -> "o.start_time " + dir + ", " + byId;
      case LATENCY ->
          "if(o.end_time IS NULL, NULL, toInt128(o.end_time) - toInt128(o.start_time)) "
              + dir
              + " NULLS LAST, "
              + byId;
      case COST -> "ifNull(o.total_cost, toDecimal64(0, 12)) " + dir + ", " + byId;
      case TOKENS -> "o.total_tokens " + dir + ", " + byId;
    };
  }
}
