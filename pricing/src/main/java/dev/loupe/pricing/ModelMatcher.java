package dev.loupe.pricing;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.ModelPrice;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the price for a provided model name. A model price matches when its {@code matchPattern} is
 * found in the name (like Postgres {@code ~}; patterns are anchored with {@code ^...$}). A
 * project's own prices win over the table's; among matching candidates of the same kind the newest
 * {@code startDate} wins (null counts as oldest), then the newest {@code createdAt}, then the
 * smallest id. The start date is not compared with the observation's time.
 *
 * <p>Thread-safe. The table's answer per model name is cached (bounded), so a name seen before
 * costs one map lookup; project patterns are compiled once and cached.
 */
public final class ModelMatcher {
  static final int MAX_CACHED_NAMES = 20_000;

  /** Orders candidates best first. */
  static final Comparator<ModelPrice> PREFERENCE =
      Comparator.comparing(ModelPrice::startDate, newestFirst())
          .thenComparing(ModelPrice::createdAt, newestFirst())
          .thenComparing(ModelPrice::id);

  private final List<ModelPrice> table;
  private final Pattern[] tablePatterns;
  private final ConcurrentHashMap<String, Optional<ModelPrice>> tableByName =
      new ConcurrentHashMap<>();
  private final PatternCache projectPatterns = new PatternCache(MAX_CACHED_NAMES);

  /** A matcher over this table (usually {@link PriceTable#bundled()}). */
  public ModelMatcher(PriceTable table) {
    this.table = requireNonNull(table, "table").prices();
    this.tablePatterns = new Pattern[this.table.size()];
    for (int i = 0; i < tablePatterns.length; i++) {
      tablePatterns[i] = ModelPrice.compile(this.table.get(i).matchPattern());
    }
  }

  /**
   * The price for {@code modelName}: the best matching of {@code projectPrices}, else the best
   * matching table price, else empty.
   */
  public Optional<ModelPrice> match(String modelName, List<ModelPrice> projectPrices) {
    requireNonNull(modelName, "modelName");
    ModelPrice best = null;
    for (ModelPrice p : projectPrices) {
      if (projectPatterns.get(p.matchPattern()).matcher(modelName).find()) {
        if (best == null || PREFERENCE.compare(p, best) < 0) best = p;
      }
    }
    return best != null ? Optional.of(best) : matchTable(modelName);
  }

  /** The best matching table price for {@code modelName}, cached by name. */
  public Optional<ModelPrice> matchTable(String modelName) {
    Optional<ModelPrice> cached = tableByName.get(modelName);
    if (cached != null) return cached;
    ModelPrice best = null;
    for (int i = 0; i < tablePatterns.length; i++) {
      if (tablePatterns[i].matcher(modelName).find()) {
        ModelPrice p = table.get(i);
        if (best == null || PREFERENCE.compare(p, best) < 0) best = p;
      }
    }
    Optional<ModelPrice> found = Optional.ofNullable(best);
    if (tableByName.size() >= MAX_CACHED_NAMES) tableByName.clear();
    tableByName.put(modelName, found);
    return found;
  }

  private static Comparator<@Nullable Instant> newestFirst() {
    return Comparator.nullsLast(Comparator.<Instant>reverseOrder());
  }
}
