package dev.loupe.storage.duckdb;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/** Costs as DECIMAL(38,12): exact to 1e-12 USD, never a double. */
final class Decimals {
  static final int SCALE = 12;
  private static final int PRECISION = 38;

  private Decimals() {}

  /**
   * The value at the column's scale (rounded half-even past 12 digits); rejects values the column
   * cannot hold.
   */
  static BigDecimal toColumn(String field, BigDecimal value) {
    BigDecimal scaled = value.setScale(SCALE, RoundingMode.HALF_EVEN);
    if (scaled.precision() > PRECISION) {
      throw new IllegalArgumentException(field + " " + value + " does not fit DECIMAL(38,12)");
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
