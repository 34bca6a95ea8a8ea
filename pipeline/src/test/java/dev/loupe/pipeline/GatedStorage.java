package dev.loupe.pipeline;

import dev.loupe.storage.LogPosition;
import dev.loupe.storage.MergeHook;
import dev.loupe.storage.ObservationConsumer;
import dev.loupe.storage.ProjectStore;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.TraceStore;
import dev.loupe.storage.WriteBatch;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real store whose write side the test controls: writes can be held at a gate (a slow store) or
 * refused (a store that fails, for some batches or all). Everything else is the real store's.
 */
final class GatedStorage implements Storage {
  private final Storage store;
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile Predicate<WriteBatch> refuse = b -> false;
  private volatile long nanosPerTrace;
  final AtomicInteger writes = new AtomicInteger();

  /** Writes waiting at the gate now. */
  final AtomicInteger waiting = new AtomicInteger();

  GatedStorage(Storage store) {
    this.store = store;
  }

  /** Holds every write until {@link #open()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void open() {
    gate.countDown();
  }

  /** Makes every write take {@code perTrace} for each trace row in it: a store with a pace. */
  void slow(java.time.Duration perTrace) {
    nanosPerTrace = perTrace.toNanos();
  }

  /** Refuses the batches {@code which} matches, as a store that cannot write them. */
  void refuse(Predicate<WriteBatch> which) {
    refuse = which;
  }

  @Override
  public ObservationConsumer observationConsumer(MergeHook onMerge) {
    ObservationConsumer real = store.observationConsumer(onMerge);
    return batch -> {
      waiting.incrementAndGet();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted", e);
      } finally {
        waiting.decrementAndGet();
      }
      if (refuse.test(batch)) throw new StorageException("batch not stored: refused", null);
      long pace = nanosPerTrace * batch.traces().size();
      if (pace > 0) {
        try {
          Thread.sleep(java.time.Duration.ofNanos(pace));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StorageException("interrupted", e);
        }
      }
      writes.incrementAndGet();
      real.accept(batch);
    };
  }

  @Override
  public TraceStore traceStore() {
    return store.traceStore();
  }

  @Override
  public ProjectStore projectStore() {
    return store.projectStore();
  }

  @Override
  public List<LogPosition> logPositions(String log) {
    return store.logPositions(log);
  }

  @Override
  public void close() {
    store.close();
  }
}
