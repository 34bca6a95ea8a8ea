package dev.loupe.storage.duckdb;

import dev.loupe.model.Bounds;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * Costs as DECIMAL(18,12): exact to 1e-12 USD, never a double, up to {@link Bounds#MAX_COST}
 * (999,999.999999999999) USD per observation. DuckDB keeps DECIMAL(18,x) in 64-bit integers;
 * DECIMAL(38,x) needs 128-bit ones, which made summing 14M costs 4x slower (RATIONALE.md). Sums
 * widen to DECIMAL(38,12).
 */
final class Decimals {
  static final int SCALE = Bounds.COST_SCALE;
  private static final int PRECISION = 18;

  private Decimals() {}

  /**
   * The value at the column's scale (rounded half-even past 12 digits); rejects values the column
   * cannot hold. Never scales a value far outside first: {@code 1E+99999999} is refused and {@code
   * 1E-99999999} is 0 at once, where rounding them would take minutes.
   */
  static BigDecimal toColumn(String field, BigDecimal value) {
    return toColumn(field, "", value);
  }

  /**
   * {@link #toColumn(String, BigDecimal)} for the field named {@code prefix + key}, a name built
   * only when the value is refused (the writer checks every cost entry of every row). A value at
   * the column's scale already (the writer scales each cost more than once) is returned as it is.
   */
  static BigDecimal toColumn(String prefix, String key, BigDecimal value) {
    if (value.abs().compareTo(Bounds.MAX_COST) > 0) throw outOfRange(prefix + key, value);
    if (value.scale() == SCALE && value.precision() <= PRECISION) return value;
    if (value.precision() - value.scale() < -SCALE) return ZERO; // below 1e-13: rounds to 0
    BigDecimal scaled = value.setScale(SCALE, RoundingMode.HALF_EVEN);
    if (scaled.precision() > PRECISION) throw outOfRange(prefix + key, value);
    return scaled;
  }

  private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

  private static IllegalArgumentException outOfRange(String field, BigDecimal value) {
    return new IllegalArgumentException(
        field
            + " "
            + value
            + " is out of range (costs up to "
            + Bounds.MAX_COST.toPlainString()
            + " USD)");
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
