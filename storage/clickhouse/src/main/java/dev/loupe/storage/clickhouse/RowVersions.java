package dev.loupe.storage.clickhouse;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Row versions for ReplacingMergeTree: microseconds of the wall clock, strictly increasing within
 * this process. A write that replaces a stored row also goes past the stored row's version ({@link
 * #after}), so a node whose clock lags another's still writes a newer version of a row it merged.
 */
final class RowVersions {
  private final AtomicLong last = new AtomicLong();

  /** A version above every one this process handed out before. */
  long next() {
    long now = System.currentTimeMillis() * 1_000;
    return last.updateAndGet(prev -> Math.max(prev + 1, now));
  }

  /** A version above {@code stored} and above every one this process handed out before. */
  long after(long stored) {
    long v = next();
    if (v > stored) return v;
    return last.updateAndGet(prev -> Math.max(prev + 1, stored + 1));
  }
}
