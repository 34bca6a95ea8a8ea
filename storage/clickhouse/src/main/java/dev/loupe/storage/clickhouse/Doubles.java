package dev.loupe.storage.clickhouse;

import org.jspecify.annotations.Nullable;

/**
 * Float64 and Nullable(Float64) in RowBinary: the IEEE 754 bits as a little-endian 64-bit integer,
 * after the 0/1 null marker for a Nullable. Score values, thresholds and alert values are doubles
 * in the SPI and stay doubles here (no decimal rounding on the way).
 */
final class Doubles {
  private Doubles() {}

  static void write(RowBinaryOut out, double v) {
    out.int64(Double.doubleToRawLongBits(v));
  }

  static void writeNullable(RowBinaryOut out, @Nullable Double v) {
    out.uint8(v == null ? 1 : 0);
    if (v != null) write(out, v);
  }

  static double read(RowBinaryIn in) {
    return Double.longBitsToDouble(in.int64());
  }

  static @Nullable Double readNullable(RowBinaryIn in) {
    return in.uint8() != 0 ? null : read(in);
  }
}
