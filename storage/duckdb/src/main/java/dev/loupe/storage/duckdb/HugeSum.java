package dev.loupe.storage.duckdb;

import java.math.BigInteger;

/**
 * An exact sum of longs in 128 bits, DuckDB's HUGEINT: it never wraps, so a rollup's token sum is
 * the same whatever order its observations came in, and equals DuckDB's {@code sum} over the
 * observation rows. Reads clamp it to a long.
 */
final class HugeSum {
  private long high;
  private long low;

  void add(long v) {
    long sum = low + v;
    high += (v >> 63) + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
    low = sum;
  }

  void add(BigInteger v) {
    BigInteger sum = value().add(v);
    low = sum.longValue();
    high = sum.shiftRight(64).longValueExact();
  }

  long low() {
    return low;
  }

  long high() {
    return high;
  }

  BigInteger value() {
    return of(low, high);
  }

  /** The 128-bit value of two's-complement halves {@code low} and {@code high}. */
  static BigInteger of(long low, long high) {
    if (high == 0 && low >= 0) return BigInteger.valueOf(low);
    return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
  }
}
