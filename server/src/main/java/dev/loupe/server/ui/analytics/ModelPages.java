package dev.loupe.server.ui.analytics;

import dev.loupe.model.ModelPrice;
import dev.loupe.model.PricingTier;
import dev.loupe.model.TierCondition;
import dev.loupe.pricing.ModelMatcher;
import dev.loupe.pricing.PriceTable;
import dev.loupe.query.InvalidParameterException;
import dev.loupe.server.http.Exchange;
import dev.loupe.server.prices.PriceCatalog;
import dev.loupe.server.ui.Formats;
import dev.loupe.server.ui.Pages;
import dev.loupe.server.ui.UiContext;
import dev.loupe.storage.AnalyticsStore;
import dev.loupe.storage.Page;
import dev.loupe.storage.Paging;
import dev.loupe.storage.analytics.MetricsRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Models and prices: the {@link PriceCatalog} of the project, the price {@link ModelMatcher}
 * chooses for {@code ?model=}, and the models seen without a price (two analytics queries of {@link
 * DashboardQueries}).
 */
public final class ModelPages {
  public static final String PATH = "/ui/models";
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final PriceCatalog catalog;
  private final AnalyticsStore analytics;
  private final Clock clock;
  private final Pages pages;
  private volatile @Nullable Matcher matcher;

  /** A matcher over one bundled list (the catalog's, which does not change while running). */
  private record Matcher(List<ModelPrice> bundled, ModelMatcher matcher) {}

  public ModelPages(UiContext ui, Pages pages) {
    this.catalog = ui.prices();
    this.analytics = ui.analytics();
    this.clock = ui.clock();
    this.pages = pages;
  }

  public void page(Exchange ex, String projectId) throws IOException {
    TimeWindow window;
    String error = "";
    int status = 200;
    String model = "";
    try {
      window = TimeWindow.of(ex.params(), clock);
      model = Formats.text(ex.params().string("model")).strip();
    } catch (InvalidParameterException e) {
      window = TimeWindow.defaults(clock);
      error = e.getMessage();
      status = 400;
    }
    List<ModelPrice> all = allPrices(projectId);
    List<ModelPrice> custom = all.stream().filter(ModelPrice::isCustom).toList();
    ModelMatcher match = matcher(all.stream().filter(p -> !p.isCustom()).toList());
    List<ModelPrice> shown = all;
    String matchText = "";
    String winner = "";
    if (!model.isEmpty()) {
      Optional<ModelPrice> best = match.match(model, custom);
      String name = model;
      List<ModelPrice> candidates =
          all.stream()
              .filter(p -> ModelPrice.compile(p.matchPattern()).matcher(name).find())
              .toList();
      if (best.isPresent()) {
        winner = best.get().id();
        matchText =
            "“"
                + model
                + "” is priced by "
                + best.get().modelName()
                + " ("
                + kind(best.get())
                + ")";
        shown = candidates;
      } else {
        matchText = "No price matches “" + model + "”: its observations have no cost.";
      }
    }
    List<ModelsPage.Price> rows = new ArrayList<>(shown.size());
    for (ModelPrice p : shown) rows.add(price(p, p.id().equals(winner)));
    pages.render(
        ex,
        status,
        "models.jte",
        new ModelsPage(
            projectId,
            window.range(),
            TimeWindow.CHOICES,
            window.from().toString(),
            window.to().toString(),
            error,
            model,
            matchText,
            rows,
            all.size(),
            unpriced(projectId, window, match, custom)));
  }

  private List<ModelPrice> allPrices(String projectId) {
    List<ModelPrice> all = new ArrayList<>();
    for (int page = 1; ; page++) {
      Page<ModelPrice> p = catalog.list(projectId, new Paging(page, Paging.MAX_LIMIT));
      all.addAll(p.items());
      if (page >= p.totalPages()) return all;
    }
  }

  private ModelMatcher matcher(List<ModelPrice> bundled) {
    Matcher m = matcher;
    if (m == null || !m.bundled().equals(bundled)) {
      m = new Matcher(bundled, new ModelMatcher(PriceTable.of("catalog", bundled)));
      matcher = m;
    }
    return m.matcher();
  }

  private List<ModelsPage.Unpriced> unpriced(
      String projectId, TimeWindow window, ModelMatcher match, List<ModelPrice> custom) {
    DashboardQueries q = new DashboardQueries(projectId, window);
    Map<String, Instant> lastSeen = new HashMap<>();
    for (MetricsRow r : analytics.query(q.unpricedLastSeen())) {
      String model = r.dimensions().get("providedModelName");
      if (model != null && r.time() != null) lastSeen.putIfAbsent(model, r.time());
    }
    List<ModelsPage.Unpriced> out = new ArrayList<>();
    for (MetricsRow r : analytics.query(q.unpriced())) {
      String model = r.dimensions().get("providedModelName");
      if (model == null) continue;
      long n =
          r.values().get(DashboardQueries.COUNT_ALL.alias()) instanceof Number c
              ? c.longValue()
              : 0;
      Instant seen = lastSeen.get(model);
      out.add(
          new ModelsPage.Unpriced(
              model,
              n,
              seen == null ? "" : Formats.time(seen).replace(":00:00 UTC", ":00 UTC"),
              match.match(model, custom).map(ModelPrice::modelName).orElse(""),
              PATH + "?model=" + Formats.queryValue(model)));
    }
    return out;
  }

  private static ModelsPage.Price price(ModelPrice p, boolean matched) {
    boolean tokens = ModelPrice.TOKENS.equals(p.unit());
    List<ModelsPage.Tier> tiers = new ArrayList<>();
    for (PricingTier t : p.tiers()) {
      if (t.isDefault()) continue;
      String when =
          t.conditions().stream().map(ModelPages::condition).collect(Collectors.joining(" and "));
      tiers.add(new ModelsPage.Tier(t.name(), when, unitPrices(t, tokens)));
    }
    String source = Formats.text(p.source());
    boolean link = source.startsWith("https://") || source.startsWith("http://");
    return new ModelsPage.Price(
        p.id(),
        p.modelName(),
        p.matchPattern(),
        p.unit(),
        tokens ? "per 1M tokens" : "per " + p.unit().toLowerCase(Locale.ROOT),
        unitPrices(p.defaultTier(), tokens),
        tiers,
        p.startDate() == null ? "" : Formats.time(p.startDate()),
        source,
        link ? source : "",
        p.checkedOn() == null ? "" : p.checkedOn().toString(),
        p.isCustom(),
        matched);
  }

  private static List<ModelsPage.UnitPrice> unitPrices(PricingTier tier, boolean perMillion) {
    List<ModelsPage.UnitPrice> out = new ArrayList<>();
    tier.prices()
        .forEach(
            (type, usd) ->
                out.add(
                    new ModelsPage.UnitPrice(
                        type, Formats.cost(perMillion ? usd.multiply(MILLION) : usd))));
    return out;
  }

  private static String condition(TierCondition c) {
    return switch (c) {
      case TierCondition.Usage u ->
          "usage "
              + u.usageDetailPattern()
              + " "
              + op(u.operator())
              + " "
              + u.value().toPlainString();
      case TierCondition.Attribute a ->
          a.source().name().toLowerCase(Locale.ROOT) + "." + a.key() + " in " + a.values();
    };
  }

  private static String op(TierCondition.Operator o) {
    return switch (o) {
      case GT -> ">";
      case GTE -> "≥";
      case LT -> "<";
      case LTE -> "≤";
      case EQ -> "=";
      case NEQ -> "≠";
    };
  }

  private static String kind(ModelPrice p) {
    return p.isCustom() ? "custom price" : "bundled price";
  }
}
