package dev.loupe.pricing;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.CostSource;
import dev.loupe.model.Level;
import dev.loupe.model.ModelPrice;
import dev.loupe.model.Observation;
import dev.loupe.model.ObservationType;
import dev.loupe.model.PricingTier;
import dev.loupe.model.UsageScope;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Prices observations: the one entry point for ingest and re-pricing. Thread-safe; meant to be
 * shared (it caches model matches).
 *
 * <p>Rules of {@link #price}: a provided cost ({@link CostSource#PROVIDED}) is kept as is; an
 * observation without a model is returned unchanged; a model with no matching price gets {@link
 * CostSource#NO_PRICE} (never a silent $0); a matched model with usage gets {@link
 * CostSource#CALCULATED} cost details (see the usage rules in {@code CostCalculator}: own price,
 * else the {@code input}/{@code output} price for {@code input_*}/{@code output_*} keys; {@code
 * total} = sum of buckets, or total units × total price for total-priced models). A matched model
 * without usage only gets its {@code pricedModelId}. An observation whose usage is its descendants'
 * total ({@link UsageScope#DESCENDANTS}) is not priced: its cost stays empty (not {@code
 * NO_PRICE}), since its descendants' generations carry the cost. Every outcome but the first two
 * sets the mapping note {@value #NOTE} saying why.
 */
public final class Pricer {
  /** The mapping-note key this class writes. */
  public static final String NOTE = "cost";

  private static final String NOT_PRICED_DESCENDANTS =
      "not priced: its usage is the total of its descendants' model calls, which carry the cost";

  private final ModelMatcher matcher;
  private final TierSelector tiers = new TierSelector();

  /** A pricer whose fallback table is {@code table} (usually {@link PriceTable#bundled()}). */
  public Pricer(PriceTable table) {
    this.matcher = new ModelMatcher(table);
  }

  /** The matcher this pricer uses (for "which price applies to this name?" questions). */
  public ModelMatcher matcher() {
    return matcher;
  }

  /**
   * The observation with its cost set from {@code projectPrices} (the observation's project's
   * custom prices) and the table.
   */
  public Observation price(Observation o, List<ModelPrice> projectPrices) {
    requireNonNull(projectPrices, "projectPrices");
    if (o.costSource() == CostSource.PROVIDED) return o;
    if (!o.countsInTotals()) {
      return withCost(o, Map.of(), CostSource.NONE, null, NOT_PRICED_DESCENDANTS);
    }
    String model = o.model();
    if (model == null || model.isBlank()) return o;
    Optional<ModelPrice> found = matcher.match(model, projectPrices);
    if (found.isEmpty()) {
      return withCost(o, Map.of(), CostSource.NO_PRICE, null, "no price for model '" + model + "'");
    }
    ModelPrice price = found.get();
    if (o.usageDetails().isEmpty()) {
      return withCost(o, Map.of(), CostSource.NONE, price.id(), "no usage to price");
    }
    PricingTier tier = tiers.select(price, o);
    CostCalculator.Costs costs = CostCalculator.calculate(tier, o.usageDetails());
    String by =
        "priced by "
            + price.modelName()
            + " ("
            + (price.isCustom() ? "project price" : "bundled")
            + ", tier "
            + tier.name()
            + ")";
    if (costs.isEmpty()) {
      return withCost(
          o,
          Map.of(),
          CostSource.NO_PRICE,
          price.id(),
          by + ": no usage key has a price: " + String.join(", ", costs.unpriced()));
    }
    String note =
        costs.unpriced().isEmpty() ? by : by + "; unpriced: " + String.join(", ", costs.unpriced());
    return withCost(o, costs.details(), CostSource.CALCULATED, price.id(), note);
  }

  /**
   * The cost-only update to write when pricing {@code stored} again changes its cost (cost details
   * compared by value, or cost source or priced model differ); empty when nothing changed or the
   * cost was provided. The update carries the stored observation's identity (project, id, trace,
   * start time), type SPAN, level DEFAULT and only the cost fields and the {@value #NOTE} note, so
   * {@code stored.mergedWith(update)} replaces exactly the cost.
   */
  public Optional<Observation> reprice(Observation stored, List<ModelPrice> projectPrices) {
    if (stored.costSource() == CostSource.PROVIDED) return Optional.empty();
    Observation priced = price(stored, projectPrices);
    if (sameCost(stored, priced)) return Optional.empty();
    Map<String, String> note =
        priced.mappingNotes().containsKey(NOTE)
            ? Map.of(NOTE, priced.mappingNotes().get(NOTE))
            : Map.of();
    return Optional.of(
        Observation.builder(stored.projectId(), stored.id(), stored.traceId(), stored.startTime())
            .type(ObservationType.SPAN)
            .level(Level.DEFAULT)
            .costDetails(priced.costDetails())
            .costSource(costSourceOfUpdate(priced.costSource()))
            .pricedModelId(priced.pricedModelId())
            .mappingNotes(note)
            .build());
  }

  /**
   * True when {@link #price} reads the same values from {@code a} and {@code b} (model, usage
   * scope, usage, and the model parameters and metadata a tier condition may name), so a cost
   * priced for one fits the other.
   */
  public static boolean sameInputs(Observation a, Observation b) {
    return Objects.equals(a.model(), b.model())
        && a.usageScope() == b.usageScope()
        && a.usageDetails().equals(b.usageDetails())
        && Objects.equals(a.modelParameters(), b.modelParameters())
        && Objects.equals(a.metadata(), b.metadata());
  }

  /**
   * A stored NO_PRICE observation without usage whose model now has a price prices to NONE, which a
   * merge ignores; the update says CALCULATED (with no cost entries) so the flag is cleared.
   */
  private static CostSource costSourceOfUpdate(CostSource priced) {
    return priced == CostSource.NONE ? CostSource.CALCULATED : priced;
  }

  static boolean sameCost(Observation a, Observation b) {
    if (costSourceOfUpdate(a.costSource()) != costSourceOfUpdate(b.costSource())) return false;
    if (!Objects.equals(a.pricedModelId(), b.pricedModelId())) return false;
    Map<String, BigDecimal> x = a.costDetails(), y = b.costDetails();
    if (!x.keySet().equals(y.keySet())) return false;
    for (Map.Entry<String, BigDecimal> e : x.entrySet()) {
      if (e.getValue().compareTo(y.get(e.getKey())) != 0) return false;
    }
    return true;
  }

  private static Observation withCost(
      Observation o,
      Map<String, BigDecimal> costs,
      CostSource source,
      @Nullable String pricedModelId,
      String note) {
    return o.toBuilder()
        .costDetails(costs)
        .costSource(source)
        .pricedModelId(pricedModelId)
        .mappingNotes(withNote(o.mappingNotes(), note))
        .build();
  }

  /**
   * {@code notes} with the {@value #NOTE} note set to {@code note}, built as the immutable map an
   * {@link Observation} keeps (no copy made for it, once per priced generation).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Map<String, String> withNote(Map<String, String> notes, String note) {
    boolean had = notes.containsKey(NOTE);
    if (notes.size() == (had ? 1 : 0)) return Map.of(NOTE, note);
    Map.Entry<String, String>[] entries = new Map.Entry[had ? notes.size() : notes.size() + 1];
    int i = 0;
    for (Map.Entry<String, String> e : notes.entrySet())
      if (!e.getKey().equals(NOTE)) entries[i++] = e;
    entries[i] = Map.entry(NOTE, note);
    return Map.ofEntries(entries);
  }
}
