package dev.loupe.storage.duckdb;

import java.util.concurrent.atomic.LongAdder;

/** Where the writer's time goes, cumulative since open: read with {@link #toString()}. */
final class WriterStats {
  final LongAdder groups = new LongAdder();
  final LongAdder rows = new LongAdder();
  final LongAdder lookupNanos = new LongAdder();
  final LongAdder mergeNanos = new LongAdder();
  final LongAdder deleteNanos = new LongAdder();
  final LongAdder appendNanos = new LongAdder();
  final LongAdder payloadNanos = new LongAdder();
  final LongAdder payloadSyncNanos = new LongAdder();
  final LongAdder rollupNanos = new LongAdder();
  final LongAdder commitNanos = new LongAdder();

  @Override
  public String toString() {
    return ("groups=%d rows=%d lookup=%dms merge=%dms payloads=%dms delete=%dms append=%dms payloadSync=%dms "
            + "rollups=%dms commit=%dms")
        .formatted(
            groups.sum(),
            rows.sum(),
            lookupNanos.sum() / 1_000_000,
            mergeNanos.sum() / 1_000_000,
            payloadNanos.sum() / 1_000_000,
            deleteNanos.sum() / 1_000_000,
            appendNanos.sum() / 1_000_000,
            payloadSyncNanos.sum() / 1_000_000,
            rollupNanos.sum() / 1_000_000,
            commitNanos.sum() / 1_000_000);
  }
}
