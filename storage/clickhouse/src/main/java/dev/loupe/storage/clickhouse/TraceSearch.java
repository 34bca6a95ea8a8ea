package dev.loupe.storage.clickhouse;

import dev.loupe.model.Trace;
import dev.loupe.storage.Page;
import dev.loupe.storage.TraceQuery;
import dev.loupe.storage.TraceSummary;
import java.util.List;
import java.util.Map;

/**
 * The trace list in two steps: the page's ids (a narrow query: filters, order, LIMIT; summaries
 * joined only when a bound or the order reads them), then the page's rows and summaries by id. So a
 * page never reads the payloads of rows it does not show. With full text, the ids step returns
 * every pre-filtered candidate with its name, input and output, and {@link Candidates} decides in
 * Java.
 */
final class TraceSearch {
  private final Sql sql;
  private final Summaries summaries;

  TraceSearch(Sql sql, Summaries summaries) {
    this.sql = sql;
    this.summaries = summaries;
  }

  Page<TraceSummary> search(TraceQuery q) {
    Where w = TraceFilters.of(q);
    String from = "traces AS t FINAL";
    boolean joined =
        q.minCost() != null
            || q.maxCost() != null
            || q.minLatency() != null
            || q.maxLatency() != null
            || q.orderBy().byObservations();
    String settings = "";
    if (joined) {
      from +=
          " LEFT JOIN ("
              + Summaries.of(
                  "trace_id IN (SELECT t.id FROM traces AS t FINAL WHERE " + w.sql() + ")")
              + ") AS s ON s.trace_id = t.id";
      settings = " SETTINGS join_use_nulls = 1";
      bounds(w, q);
    }
    String order = order(q);
    Page<String> ids;
    if (q.fullText() == null) {
      long total =
          sql.queryLong(
              "SELECT toInt64(count()) FROM " + from + " WHERE " + w.sql() + settings, w.params());
      List<String> page =
          total <= q.paging().offset()
              ? List.of()
              : sql.query(
                  "SELECT t.id FROM "
                      + from
                      + " WHERE "
                      + w.sql()
                      + " ORDER BY "
                      + order
                      + " LIMIT {limit:UInt32} OFFSET {offset:UInt64}"
                      + settings,
                  w.paramsWith(Map.of("limit", q.paging().limit(), "offset", q.paging().offset())),
                  RowBinaryIn::string);
      ids = new Page<>(page, q.paging().page(), q.paging().limit(), total);
    } else {
      ids =
          Candidates.page(
              sql.query(
                  "SELECT t.id, t.name, t.input, t.output FROM "
                      + from
                      + " WHERE "
                      + w.sql()
                      + " ORDER BY "
                      + order
                      + settings,
                  w.params(),
                  Candidates::read),
              q.fullText(),
              q.paging());
    }
    List<Trace> traces = ClickHouseTraceStore.traces(sql, q.projectId(), ids.items());
    return new Page<>(
        summaries.of(q.projectId(), traces), ids.page(), ids.limit(), ids.totalItems());
  }

  private static void bounds(Where w, TraceQuery q) {
    String cost = "ifNull(s.cost, toDecimal128(0, 12))";
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
    if (q.minLatency() != null) {
      w.and(
          "s.latency >= toInt128({minLatency:String})",
          "minLatency",
          Latency.lowerBound(q.minLatency()));
    }
    if (q.maxLatency() != null) {
      w.and(
          "s.latency <= toInt128({maxLatency:String})",
          "maxLatency",
          Latency.upperBound(q.maxLatency()));
    }
  }

  private static String order(TraceQuery q) {
    String dir = q.direction().name();
    String byId = "t.id " + dir;
    return switch (q.orderBy()) {
      case TIMESTAMP -> "t.timestamp " + dir + ", " + byId;
      case NAME -> "t.name " + dir + " NULLS LAST, " + byId;
      case USER_ID -> "t.user_id " + dir + " NULLS LAST, " + byId;
      case SESSION_ID -> "t.session_id " + dir + " NULLS LAST, " + byId;
      case RELEASE -> "t.release " + dir + " NULLS LAST, " + byId;
      case VERSION -> "t.version " + dir + " NULLS LAST, " + byId;
      case ID -> byId;
      case LATENCY -> "s.latency " + dir + " NULLS LAST, " + byId;
      case COST -> "ifNull(s.cost, toDecimal128(0, 12)) " + dir + ", " + byId;
      case TOKENS -> "ifNull(s.tokens, 0) " + dir + ", " + byId;
    };
  }
}
