package dev.loupe.storage.duckdb;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Version 2 to 3: adds the derived measure columns to {@code observations} and fills them from the
 * stored usage and cost columns with the same rules as {@code Observation} (input side = {@code
 * input} plus every {@code input_*} entry; total tokens = {@code total}, else the sum of all).
 */
final class SchemaV3 {
  static final int FROM = 2;

  /** The derived measure columns, last in {@code observations}. */
  static final List<String> MEASURE_COLUMNS =
      List.of(
          "input_tokens BIGINT NOT NULL DEFAULT 0",
          "output_tokens BIGINT NOT NULL DEFAULT 0",
          "total_tokens BIGINT NOT NULL DEFAULT 0",
          "cached_tokens BIGINT NOT NULL DEFAULT 0",
          "reasoning_tokens BIGINT NOT NULL DEFAULT 0",
          "input_cost DECIMAL(18,12)",
          "output_cost DECIMAL(18,12)");

  private SchemaV3() {}

  /** Cost columns version 2 kept as DECIMAL(38,12). */
  private static final List<String> COST_COLUMNS =
      List.of("cost_input", "cost_output", "cost_total", "total_cost");

  static void migrate(Statement s) throws SQLException {
    for (String column : COST_COLUMNS) {
      s.execute("ALTER TABLE observations ALTER " + column + " TYPE DECIMAL(18,12)");
    }
    s.execute("ALTER TABLE observations ALTER cost_other TYPE MAP(VARCHAR, DECIMAL(18,12))");
    for (String column : MEASURE_COLUMNS) {
      s.execute("ALTER TABLE observations ADD COLUMN " + column);
    }
    s.execute(
        "UPDATE observations SET "
            + "input_tokens = coalesce(usage_input, 0) + "
            + side("usage_other", "input")
            + ", output_tokens = coalesce(usage_output, 0) + "
            + side("usage_other", "output")
            + ", total_tokens = coalesce(usage_total, coalesce(usage_input, 0) + coalesce(usage_output, 0)"
            + " + coalesce(list_sum(map_values(usage_other)), 0))"
            + ", cached_tokens = coalesce(map_extract_value(usage_other, 'input_cached_tokens'), 0)"
            + ", reasoning_tokens = coalesce(map_extract_value(usage_other, 'output_reasoning_tokens'), 0)"
            + ", input_cost = "
            + sideCost("input")
            + ", output_cost = "
            + sideCost("output"));
  }

  /** The sum of a map's {@code <side>_*} entries, 0 when none. */
  private static String side(String map, String side) {
    return "coalesce(list_sum(list_transform(list_filter(map_entries("
        + map
        + "), lambda e: starts_with(e.key, '"
        + side
        + "_')), lambda e: e.value)), 0)";
  }

  /** The fixed cost column plus the map's {@code <side>_*} entries; NULL when there is none. */
  private static String sideCost(String side) {
    String fixed = "cost_" + side;
    String rest =
        "list_sum(list_transform(list_filter(map_entries(cost_other), lambda e: starts_with(e.key, '"
            + side
            + "_')), lambda e: e.value))";
    return "CASE WHEN "
        + fixed
        + " IS NULL AND "
        + rest
        + " IS NULL THEN NULL ELSE (coalesce("
        + fixed
        + ", 0) + coalesce("
        + rest
        + ", 0))::DECIMAL(18,12) END";
  }
}
