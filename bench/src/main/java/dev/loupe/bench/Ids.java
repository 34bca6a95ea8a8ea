package dev.loupe.bench;

import java.util.HexFormat;

/**
 * Deterministic OTel-shaped ids from an index: the bench can name any generated trace again (to
 * fetch it) without keeping the ids. Distinct indexes give distinct ids because {@link #mix} is a
 * bijection on 64-bit values.
 */
final class Ids {
  private static final HexFormat HEX = HexFormat.of();

  private Ids() {}

  /** 32 hex digits for trace {@code index} of the data drawn from {@code seed}. */
  static String traceId(long seed, long index) {
    long high = mix(index + seed * 0x9E3779B97F4A7C15L);
    return HEX.toHexDigits(high) + HEX.toHexDigits(mix(high ^ 0x632BE59BD9B4E019L));
  }

  /** 16 hex digits for observation {@code slot} (0..7) of trace {@code index}. */
  static String spanId(long seed, long index, int slot) {
    return HEX.toHexDigits(mix(index * 8 + slot + seed * 0xC2B2AE3D27D4EB4FL));
  }

  /** The SplitMix64 finalizer: a bijection that scatters neighbouring values. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
