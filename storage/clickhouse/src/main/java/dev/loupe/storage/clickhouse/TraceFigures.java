package dev.loupe.storage.clickhouse;

/**
 * What the traces view of the metrics reads of a trace's observations, aggregated per trace from
 * their live rows: first start and last end (end, else start) for the latency, the tokens and costs
 * of the observations that count in totals (usage scope OWN), and the number of ERROR observations.
 * Token sums saturate at the Int64 range; a cost is NULL when no counted observation has one. The
 * sums are named {@code f_<column>}: an alias equal to a column it reads is cyclic to older
 * ClickHouse analyzers.
 */
final class TraceFigures {
  static final String COLUMNS =
      "trace_id, toNullable(min(start_time)) AS first_start,"
          + " toNullable(max(ifNull(end_time, start_time))) AS last_end, "
          + tokens("input_tokens")
          + ", "
          + tokens("output_tokens")
          + ", "
          + tokens("total_tokens")
          + ", "
          + tokens("cached_tokens")
          + ", "
          + tokens("reasoning_tokens")
          + ", "
          + cost("input_cost")
          + ", "
          + cost("output_cost")
          + ", "
          + cost("total_cost")
          + ", toInt64(countIf(level = 'ERROR')) AS errors";

  private TraceFigures() {}

  private static String tokens(String column) {
    return Summaries.clampedToInt64("sumIf(toInt128(" + column + "), usage_scope = 'OWN')")
        + " AS f_"
        + column;
  }

  private static String cost(String column) {
    String counted = "usage_scope = 'OWN' AND " + column + " IS NOT NULL";
    return "if(countIf("
        + counted
        + ") = 0, NULL, toDecimal128(sumIf(assumeNotNull("
        + column
        + "), "
        + counted
        + "), 12)) AS f_"
        + column;
  }
}
