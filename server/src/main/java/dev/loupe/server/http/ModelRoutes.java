package dev.loupe.server.http;

import dev.loupe.model.ModelPrice;
import dev.loupe.query.NotFoundException;
import dev.loupe.query.json.ModelPriceJson;
import dev.loupe.server.auth.Access;
import dev.loupe.server.prices.PriceCatalog;
import dev.loupe.server.prices.ProjectPrices;
import dev.loupe.server.prices.Repricing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code /api/public/models} (Langfuse shape): the project's custom prices and the bundled table;
 * create and delete custom prices; and {@code POST /api/public/models/{id}/recalculate}, which
 * re-prices stored observations after a price changed and reports how many changed.
 */
public final class ModelRoutes {
  /** The widest window a re-pricing covers when the request names none. */
  static final Instant ALL_FROM = Instant.EPOCH;

  static final Instant ALL_TO = Instant.parse("9999-12-31T00:00:00Z");

  private final PriceCatalog catalog;
  private final ProjectPrices prices;
  private final Repricing repricing;
  private final Clock clock;

  public ModelRoutes(PriceCatalog catalog, ProjectPrices prices, Repricing repricing, Clock clock) {
    this.catalog = catalog;
    this.prices = prices;
    this.repricing = repricing;
    this.clock = clock;
  }

  public void routing(Routes routes) {
    routes
        .get("/api/public/models", Access.BASIC, this::list)
        .post("/api/public/models", Access.BASIC, this::create)
        .get("/api/public/models/{id}", Access.BASIC, this::get)
        .delete("/api/public/models/{id}", Access.BASIC, this::delete)
        .post("/api/public/models/recalculate", Access.BASIC, this::recalculateAll)
        .post("/api/public/models/{id}/recalculate", Access.BASIC, this::recalculate);
  }

  private void list(Exchange ex) throws IOException {
    ex.json(200, ModelPriceJson.page(catalog.list(ex.projectId(), ex.params().paging())));
  }

  private void get(Exchange ex) throws IOException {
    String id = ex.path("id");
    ModelPrice price =
        catalog.get(ex.projectId(), id).orElseThrow(() -> new NotFoundException("model", id));
    ex.json(200, ModelPriceJson.one(price));
  }

  private void create(Exchange ex) throws IOException {
    ModelPrice price =
        ModelPriceJson.read(
            new String(ex.body(), StandardCharsets.UTF_8),
            UUID.randomUUID().toString(),
            ex.projectId(),
            clock.instant());
    prices.put(price);
    ex.json(200, ModelPriceJson.one(price));
  }

  private void delete(Exchange ex) throws IOException {
    String id = ex.path("id");
    if (!prices.delete(ex.projectId(), id)) throw new NotFoundException("model", id);
    ex.json(200, "{\"message\":\"Model successfully deleted\"}".getBytes(StandardCharsets.UTF_8));
  }

  private void recalculate(Exchange ex) throws IOException {
    String id = ex.path("id");
    run(ex, catalog.get(ex.projectId(), id).orElse(null), id);
  }

  private void recalculateAll(Exchange ex) throws IOException {
    run(ex, null, null);
  }

  private void run(Exchange ex, ModelPrice price, String id) throws IOException {
    RecalculateRequest window = RecalculateRequest.read(ex.body());
    Repricing.Report report =
        repricing.reprice(
            ex.projectId(),
            window.from() == null ? ALL_FROM : window.from(),
            window.to() == null ? ALL_TO : window.to(),
            price,
            id);
    ex.json(200, json(report));
  }

  private static byte[] json(Repricing.Report r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var g = dev.loupe.model.Json.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("models");
      for (String m : r.models()) g.writeString(m);
      g.writeEndArray();
      g.writeNumberField("scanned", r.scanned());
      g.writeNumberField("changed", r.changed());
      g.writeEndObject();
    }
    return out.toByteArray();
  }
}
