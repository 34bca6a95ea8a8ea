package dev.loupe.storage.duckdb;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Version 3 to 4: every cost column from DECIMAL(38,12) to DECIMAL(18,12), which DuckDB keeps in
 * 64-bit integers (sums over millions of rows ran ~4x faster; see {@link Decimals}). A cost above
 * 999,999.999999999999 USD cannot be converted and fails the open with DuckDB's message.
 */
final class SchemaV4 {
  static final int FROM = 3;

  private static final List<String> COST_COLUMNS =
      List.of("cost_input", "cost_output", "cost_total", "total_cost", "input_cost", "output_cost");

  private SchemaV4() {}

  static void migrate(Statement s) throws SQLException {
    for (String column : COST_COLUMNS) {
      s.execute("ALTER TABLE observations ALTER " + column + " TYPE DECIMAL(18,12)");
    }
    s.execute("ALTER TABLE observations ALTER cost_other TYPE MAP(VARCHAR, DECIMAL(18,12))");
  }
}
