package dev.loupe.pipeline;

import dev.loupe.model.Bounds;
import dev.loupe.model.CostSource;
import dev.loupe.model.ModelPrice;
import dev.loupe.model.Observation;
import dev.loupe.pricing.Pricer;
import dev.loupe.storage.MergeHook;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Ingest's two pricing moments. Each write is priced as it arrives, on the caller's thread, which
 * is all a write that arrives whole (every OTLP span) ever needs. When the store merges a write
 * into an earlier version, the merged row is priced again, but only when its cost or cost note came
 * from a version whose price inputs ({@link Pricer#sameInputs}) differ from the merged row's: usage
 * that arrived before its model, a model after its usage, model parameters that pick another tier.
 * So the store's writer does no pricing for re-sends and for updates that carry no price input, and
 * a generation ends priced, provided or flagged {@code NO_PRICE} in any order.
 */
final class Pricing implements MergeHook {
  private final Pricer pricer;
  private final Function<String, List<ModelPrice>> customPrices;

  Pricing(Pricer pricer, Function<String, List<ModelPrice>> customPrices) {
    this.pricer = pricer;
    this.customPrices = customPrices;
  }

  /**
   * The write with its cost as it stands alone (provided costs are kept). A calculated cost that a
   * store cannot keep (above {@link Bounds#MAX_COST}, from usage in the billions) is not kept: the
   * row is flagged {@code NO_PRICE} saying so, and stored with everything else.
   */
  Observation price(Observation write) {
    Observation priced = pricer.price(write, customPrices.apply(write.projectId()));
    if (priced.costSource() != CostSource.CALCULATED) return priced;
    for (String problem : Bounds.costProblems(priced)) {
      Map<String, String> notes = new LinkedHashMap<>(priced.mappingNotes());
      notes.put(Pricer.NOTE, notes.get(Pricer.NOTE) + "; not kept: " + problem);
      return priced.toBuilder()
          .costDetails(Map.of())
          .costSource(CostSource.NO_PRICE)
          .mappingNotes(notes)
          .build();
    }
    return priced;
  }

  @Override
  public Observation apply(Observation earlier, Observation write, Observation merged) {
    // Observation.mergedWith keeps the write's costs unless they say NONE, and its cost note if any
    Observation costFrom = write.costSource() == CostSource.NONE ? earlier : write;
    Observation noteFrom = write.mappingNotes().containsKey(Pricer.NOTE) ? write : earlier;
    if (Pricer.sameInputs(costFrom, merged) && Pricer.sameInputs(noteFrom, merged)) return merged;
    return price(merged);
  }
}
