package dev.loupe.server.prices;

import dev.loupe.model.ModelPrice;
import dev.loupe.model.Observation;
import dev.loupe.pricing.Pricer;
import dev.loupe.storage.AnalyticsStore;
import dev.loupe.storage.ObservationConsumer;
import dev.loupe.storage.ObservationQuery;
import dev.loupe.storage.Page;
import dev.loupe.storage.Paging;
import dev.loupe.storage.TraceStore;
import dev.loupe.storage.WriteBatch;
import dev.loupe.storage.analytics.Aggregation;
import dev.loupe.storage.analytics.Dimension;
import dev.loupe.storage.analytics.FilterOperator;
import dev.loupe.storage.analytics.Measure;
import dev.loupe.storage.analytics.MetricsQuery;
import dev.loupe.storage.analytics.MetricsView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Re-prices stored observations after a price was added, changed or deleted: every observation in
 * the window whose model the price could concern is priced again with today's prices, and a
 * cost-only update is written where the cost changed. Provided costs are never touched.
 */
public final class Repricing {
  private static final int PAGE = Paging.MAX_LIMIT;

  private final TraceStore traces;
  private final AnalyticsStore analytics;
  private final ObservationConsumer writer;
  private final ProjectPrices prices;
  private final Pricer pricer;

  public Repricing(
      TraceStore traces,
      AnalyticsStore analytics,
      ObservationConsumer writer,
      ProjectPrices prices,
      Pricer pricer) {
    this.traces = traces;
    this.analytics = analytics;
    this.writer = writer;
    this.prices = prices;
    this.pricer = pricer;
  }

  /** What a re-pricing did. */
  public record Report(List<String> models, long scanned, long changed) {}

  /**
   * Re-prices observations starting in {@code [from, to)}. With a price id (custom, bundled, or a
   * deleted one's id), only models its pattern matches or that it priced are scanned; without,
   * every model in the window.
   */
  public Report reprice(
      String projectId,
      Instant from,
      Instant to,
      @Nullable ModelPrice price,
      @Nullable String priceId) {
    List<ModelPrice> custom = prices.of(projectId);
    TreeSet<String> models = new TreeSet<>();
    Pattern pattern = price == null ? null : ModelPrice.compile(price.matchPattern());
    for (AnalyticsStore.ModelUsage m : analytics.models(projectId, from, to)) {
      if (priceId == null || (pattern != null && pattern.matcher(m.model()).find())) {
        models.add(m.model());
      }
    }
    if (priceId != null) models.addAll(pricedBy(projectId, from, to, priceId));
    long scanned = 0, changed = 0;
    for (String model : models) {
      for (int page = 1; ; page++) {
        Page<Observation> rows =
            traces.searchObservations(
                ObservationQuery.builder(projectId)
                    .model(model)
                    .fromStartTime(from)
                    .toStartTime(to)
                    .paging(page, PAGE)
                    .build());
        List<Observation> updates = new ArrayList<>();
        for (Observation o : rows.items()) {
          scanned++;
          Optional<Observation> update = pricer.reprice(o, custom);
          update.ifPresent(updates::add);
        }
        if (!updates.isEmpty()) {
          writer.accept(WriteBatch.of(List.of(), updates));
          changed += updates.size();
        }
        if (rows.items().size() < PAGE) break;
      }
    }
    return new Report(List.copyOf(models), scanned, changed);
  }

  /** Models of observations that the price with this id priced. */
  private List<String> pricedBy(String projectId, Instant from, Instant to, String priceId) {
    MetricsQuery q =
        MetricsQuery.builder(projectId, MetricsView.OBSERVATIONS, from, to)
            .dimension(Dimension.PROVIDED_MODEL_NAME)
            .metric(Measure.COUNT, Aggregation.COUNT)
            .filter(Dimension.PRICED_MODEL_ID, FilterOperator.EQ, priceId)
            .filter(Dimension.PROVIDED_MODEL_NAME, FilterOperator.IS_NOT_NULL)
            .rowLimit(MetricsQuery.MAX_ROWS)
            .build();
    List<String> out = new ArrayList<>();
    analytics.query(q).forEach(r -> out.add(r.dimensions().get("providedModelName")));
    return out;
  }
}
