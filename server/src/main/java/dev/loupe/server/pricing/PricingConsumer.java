package dev.loupe.server.pricing;

import dev.loupe.model.CostSource;
import dev.loupe.model.Observation;
import dev.loupe.pricing.Pricer;
import dev.loupe.storage.ObservationConsumer;
import dev.loupe.storage.TraceStore;
import dev.loupe.storage.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prices every observation of a batch before it is stored: provided costs are kept, otherwise the
 * project's prices (then the bundled table) give the cost, or the observation is flagged {@link
 * CostSource#NO_PRICE}.
 *
 * <p>An update may carry usage while its model came in an earlier write (Langfuse's {@code
 * generation-update}): such a write (usage, no model, no cost) is priced as merged with what is
 * already stored and with the earlier writes of the same batch. Writes with a model are priced on
 * their own, so the common path (a whole OTLP span) never reads storage.
 */
public final class PricingConsumer implements ObservationConsumer {
  private final ObservationConsumer next;
  private final TraceStore stored;
  private final ProjectPrices prices;
  private final Pricer pricer;

  public PricingConsumer(
      ObservationConsumer next, TraceStore stored, ProjectPrices prices, Pricer pricer) {
    this.next = next;
    this.stored = stored;
    this.prices = prices;
    this.pricer = pricer;
  }

  @Override
  public void accept(WriteBatch batch) {
    if (batch.observations().isEmpty()) {
      next.accept(batch);
      return;
    }
    List<Observation> priced = new ArrayList<>(batch.observations().size());
    // Earlier writes of the same id only matter to a write priced as merged; a batch without one
    // (every OTLP batch) prices each write alone and keeps no map.
    Map<String, Observation> mergedSoFar =
        batch.observations().stream().anyMatch(PricingConsumer::needsStoredRow)
            ? new HashMap<>()
            : null;
    for (Observation o : batch.observations()) {
      Observation earlier = null;
      if (mergedSoFar != null) {
        earlier = mergedSoFar.get(key(o));
        if (needsStoredRow(o) && earlier == null) {
          earlier = stored.getObservation(o.projectId(), o.id()).orElse(null);
        }
      }
      Observation merged = earlier == null ? o : earlier.mergedWith(o);
      Observation out = o;
      if (o.costSource() != CostSource.PROVIDED) {
        Observation p = pricer.price(merged, prices.of(o.projectId()));
        if (earlier == null) {
          out = p; // priced on its own: already this write with its cost
        } else if (p.costSource() != CostSource.NONE || p.pricedModelId() != null) {
          out =
              o.toBuilder()
                  .costDetails(p.costDetails())
                  .costSource(p.costSource())
                  .pricedModelId(p.pricedModelId())
                  .mappingNotes(withCostNote(o.mappingNotes(), p.mappingNotes()))
                  .build();
        }
      }
      priced.add(out);
      if (mergedSoFar != null) {
        mergedSoFar.put(key(o), earlier == null ? out : earlier.mergedWith(out));
      }
    }
    next.accept(WriteBatch.of(batch.traces(), priced));
  }

  /** Usage without a model: the model, if any, is in an earlier write. */
  private static boolean needsStoredRow(Observation o) {
    return o.model() == null && !o.usageDetails().isEmpty() && o.costSource() == CostSource.NONE;
  }

  private static Map<String, String> withCostNote(
      Map<String, String> notes, Map<String, String> pricedNotes) {
    String cost = pricedNotes.get(Pricer.NOTE);
    if (cost == null) return notes;
    Map<String, String> out = new HashMap<>(notes);
    out.put(Pricer.NOTE, cost);
    return out;
  }

  private static String key(Observation o) {
    return o.projectId() + '\u0000' + o.id();
  }
}
