package dev.loupe.pipeline.kafka;

import dev.loupe.storage.LogPosition;
import dev.loupe.storage.MergeHook;
import dev.loupe.storage.ObservationConsumer;
import dev.loupe.storage.ProjectStore;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.TraceStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store seen through one node that stops writing after {@code writes} writes: what a node
 * that dies mid-apply did to the store and no more. Reads are the real store's.
 */
final class FailingStorage implements Storage {
  private final Storage store;
  private final AtomicInteger left;

  FailingStorage(Storage store, int writes) {
    this.store = store;
    this.left = new AtomicInteger(writes);
  }

  @Override
  public ObservationConsumer observationConsumer(MergeHook onMerge) {
    ObservationConsumer real = store.observationConsumer(onMerge);
    return batch -> {
      if (left.getAndDecrement() <= 0)
        throw new StorageException("this node is going down", null, true);
      real.accept(batch);
    };
  }

  /** Writes again, as a store that came back. */
  void recover() {
    left.set(Integer.MAX_VALUE);
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
  public void close() {}
}
