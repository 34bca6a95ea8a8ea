package dev.loupe.storage.duckdb;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * Costs as DECIMAL(18,12): exact to 1e-12 USD, never a double, up to 999,999.999999999999 USD per
 * observation. DuckDB keeps DECIMAL(18,x) in 64-bit integers; DECIMAL(38,x) needs 128-bit ones,
 * which made summing 14M costs 4x slower (RATIONALE.md). Sums widen to DECIMAL(38,12).
 */
final class Decimals {
  static final int SCALE = 12;
  private static final int PRECISION = 18;

  private Decimals() {}

  /**
   * The value at the column's scale (rounded half-even past 12 digits); rejects values the column
   * cannot hold.
   */
  static BigDecimal toColumn(String field, BigDecimal value) {
    BigDecimal scaled = value.setScale(SCALE, RoundingMode.HALF_EVEN);
    if (scaled.precision() > PRECISION) {
      throw new IllegalArgumentException(
          field + " " + value + " is out of range (costs up to 999,999.999999999999 USD)");
    }
    return scaled;
  }

  /**
   * A column value with trailing zeros dropped ({@code 0.000180000000} becomes {@code 0.00018}),
   * never E-notation.
   */
  static @Nullable BigDecimal fromColumn(@Nullable BigDecimal value) {
    if (value == null) return null;
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
