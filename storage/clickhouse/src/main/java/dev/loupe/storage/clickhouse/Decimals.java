package dev.loupe.storage.clickhouse;

import dev.loupe.storage.StorageException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Costs as ClickHouse holds them: Decimal(18, 12), 64-bit integers of pico-dollars (up to
 * 999,999.999999999999 USD per value); sums widen to Decimal(38, 12). A value never passes through
 * a double. More than 12 fractional digits round half-even, as the DuckDB store does.
 */
final class Decimals {
  static final int SCALE = 12;
  private static final long MAX_UNSCALED = 999_999_999_999_999_999L;

  private Decimals() {}

  /**
   * The unscaled Decimal(18, 12) of {@code v}.
   *
   * @throws StorageException naming {@code field} when the value is out of the column's range
   */
  static long unscaled(BigDecimal v, String field) {
    if (v.signum() == 0) return 0;
    if (v.precision() - v.scale() > 6) throw outOfRange(v, field);
    // more than 12 zeros after the point: rounds to 0 (setScale would divide by a huge power)
    if (v.scale() - v.precision() >= SCALE + 1) return 0;
    long unscaled = v.setScale(SCALE, RoundingMode.HALF_EVEN).unscaledValue().longValue();
    if (Math.abs(unscaled) > MAX_UNSCALED) throw outOfRange(v, field);
    return unscaled;
  }

  static BigDecimal of(long unscaled) {
    return BigDecimal.valueOf(unscaled, SCALE).stripTrailingZeros();
  }

  static BigDecimal of(BigInteger unscaled) {
    return new BigDecimal(unscaled, SCALE).stripTrailingZeros();
  }

  /**
   * A lower bound on values of scale 12, as text for a Decimal(38, 12) parameter: {@code x >= min}
   * holds exactly when {@code x >= ceil12(min)}. Bounds past the column's range are clamped (no
   * stored value or sum reaches 10^25).
   */
  static String lowerBound(BigDecimal min) {
    return bound(min, RoundingMode.CEILING);
  }

  /** An upper bound: {@code x <= max} holds exactly when {@code x <= floor12(max)}. */
  static String upperBound(BigDecimal max) {
    return bound(max, RoundingMode.FLOOR);
  }

  private static String bound(BigDecimal v, RoundingMode mode) {
    BigDecimal limit = BigDecimal.TEN.pow(25);
    if (v.compareTo(limit) > 0) v = limit;
    if (v.compareTo(limit.negate()) < 0) v = limit.negate();
    if (v.signum() != 0 && v.scale() - v.precision() >= SCALE + 1) {
      // |v| < 1e-13: between 0 and the smallest step of the column
      BigDecimal step = BigDecimal.ONE.movePointLeft(SCALE);
      boolean up = mode == RoundingMode.CEILING;
      v = v.signum() > 0 ? (up ? step : BigDecimal.ZERO) : (up ? BigDecimal.ZERO : step.negate());
    }
    return v.setScale(SCALE, mode).toPlainString();
  }

  private static StorageException outOfRange(BigDecimal v, String field) {
    return new StorageException(
        field
            + ": "
            + v.toPlainString()
            + " is out of the cost column's range (Decimal(18, 12): below 1,000,000)",
        null);
  }
}
