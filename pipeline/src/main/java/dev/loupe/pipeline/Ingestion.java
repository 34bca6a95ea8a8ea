package dev.loupe.pipeline;

import static java.util.Objects.requireNonNull;

import dev.loupe.ingest.IngestResult;
import dev.loupe.model.ModelPrice;
import dev.loupe.model.Observation;
import dev.loupe.pipeline.log.LogState;
import dev.loupe.pricing.Pricer;
import dev.loupe.storage.ObservationConsumer;
import dev.loupe.storage.Storage;
import dev.loupe.storage.StorageException;
import dev.loupe.storage.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one ingestion step every wire calls once its bytes are normalized: the rows are priced,
 * merged by (projectId, id) with what is stored, the merged generations priced again where the
 * merge changed what their price depends on, and stored durably. Every generation ends priced
 * ({@code CALCULATED}), {@code PROVIDED}, or flagged {@code NO_PRICE}, whatever order its writes
 * arrive in and however requests race. Thread-safe.
 *
 * <pre>{@code
 * IngestResult normalized = otlpIngest.ingest(projectId, body, contentType, contentEncoding);
 * ingestion.store(normalized); // priced, merged, stored: durable on return
 * byte[] answer = otlpIngest.response(normalized, json);
 * }</pre>
 */
public final class Ingestion {
  private final Pricing pricing;
  private final ObservationConsumer writes;
  private final PipelineMetrics metrics;

  /**
   * @param storage where rows are stored; its write side gets this step's merge pricing
   * @param customPrices a project's custom prices, newest first (the server's cache of them)
   */
  public Ingestion(
      Storage storage, Pricer pricer, Function<String, List<ModelPrice>> customPrices) {
    this(storage, pricer, customPrices, PipelineMetrics.NOOP);
  }

  /**
   * @param metrics where the pipeline reports what it does ({@link PipelineMetrics#NOOP} for
   *     nothing)
   */
  public Ingestion(
      Storage storage,
      Pricer pricer,
      Function<String, List<ModelPrice>> customPrices,
      PipelineMetrics metrics) {
    this.pricing =
        new Pricing(requireNonNull(pricer, "pricer"), requireNonNull(customPrices, "customPrices"));
    this.writes = storage.observationConsumer(pricing);
    this.metrics = requireNonNull(metrics, "metrics");
  }

  /** The pipeline's figures now: apply lag, the log's size and totals. */
  public IngestState state() {
    return new IngestState(0, 0, 0, 0, null, 0, new LogState(0, 0, 0, 0, 0, 0, 0, 0, null));
  }

  /**
   * Prices and stores what one request produced (its rejected items are the wire's to answer).
   * Returns once the rows are durable; nothing is stored for an empty result.
   *
   * @throws StorageException when the rows could not be stored (none of them is acknowledged)
   */
  public void store(IngestResult normalized) {
    WriteBatch batch = WriteBatch.of(normalized.traces(), priced(normalized.observations()));
    if (batch.isEmpty()) return;
    long t0 = System.nanoTime();
    writes.accept(batch);
    metrics.acknowledged(
        batch.traces().size(), batch.observations().size(), 0, System.nanoTime() - t0);
  }

  private List<Observation> priced(List<Observation> observations) {
    List<Observation> out = new ArrayList<>(observations.size());
    for (Observation o : observations) out.add(pricing.price(o));
    return out;
  }
}
