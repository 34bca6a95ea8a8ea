package dev.loupe.model;

/**
 * Sums of counts that stop at {@code Long.MAX_VALUE} (or {@code MIN_VALUE}) instead of wrapping
 * around to a wrong number of the other sign. Counts within {@link Bounds} never get there; rows
 * stored through the storage API or before the bounds existed may.
 */
public final class Saturating {
  private Saturating() {}

  /** {@code a + b}, saturating. */
  public static long add(long a, long b) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    return sum;
  }
}
