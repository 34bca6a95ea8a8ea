package dev.loupe.storage;

/**
 * The write side. A batch is durable when {@link #accept(WriteBatch)} returns, so callers
 * acknowledge clients only afterwards. Rows are upserted by (projectId, id): a later write of the
 * same id merges into the earlier one ({@code Trace.mergedWith}, {@code Observation.mergedWith}),
 * whatever order they arrive in (update before create, child before parent, re-sends). Within one
 * batch, later entries are newer.
 */
public interface ObservationConsumer {
  /**
   * Stores the batch durably.
   *
   * @throws StorageException when the batch could not be stored (nothing of it is acknowledged)
   */
  void accept(WriteBatch batch);
}
