package dev.loupe.storage;

import dev.loupe.model.Observation;

/**
 * Completes an observation that a write merged into an earlier version of it, before the store
 * writes it: part of the write contract of {@link Storage#observationConsumer(MergeHook)}. The
 * server's ingestion step prices with it, so a generation whose model and usage came in separate
 * writes, in any order, is priced as the merged row it ends as.
 *
 * <p>A store calls the hook for every observation of a batch that merges with an earlier version of
 * the same (projectId, id), whether stored or earlier in the same batch or write group, with {@code
 * merged = earlier.mergedWith(write)}, and stores what it returns; the next write of that id merges
 * into the returned row. An observation seen for the first time is stored as written, without a
 * call. Calls run inside the write (on the writer thread, or under the write lock), in arrival
 * order, so two requests racing on one id still see each other: keep the hook quick and free of
 * writes to the store; it may read. It must return an observation with the same projectId and id.
 * An exception from the hook fails the batch it came from, and nothing of that batch is stored.
 *
 * <pre>{@code
 * ObservationConsumer priced =
 *     storage.observationConsumer((earlier, write, merged) -> pricer.price(merged, prices));
 * }</pre>
 *
 * For a future backend that merges on read, the hook defines what its re-pricing pass must produce.
 */
@FunctionalInterface
public interface MergeHook {
  /** Stores merged rows as they are. */
  MergeHook NONE = (earlier, write, merged) -> merged;

  /**
   * The row to store for a merge.
   *
   * @param earlier the version the write merged into
   * @param write the write as it arrived
   * @param merged {@code earlier.mergedWith(write)}
   */
  Observation apply(Observation earlier, Observation write, Observation merged);
}
