package dev.loupe.pricing;

import static java.util.Objects.requireNonNull;

import dev.loupe.model.ModelPrice;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An immutable price table: model prices (all without a project) and the version of the table they
 * come from. {@link #bundled()} is the table shipped with Loupe.
 *
 * <p>The file format is a JSON object {@code {"tableVersion": "...", "models": [...]}}; each model
 * has {@code id}, {@code modelName}, {@code matchPattern} (a Java regex), optional {@code unit},
 * {@code tokenizerId}, {@code source}, {@code checkedOn}, {@code startDate}, and {@code
 * pricingTiers} ({@code name}, {@code isDefault}, {@code priority}, {@code conditions}, {@code
 * prices}: usage type → USD per unit). Prices are read exactly as {@link java.math.BigDecimal};
 * unknown fields ({@code provider}, {@code examples}) are ignored.
 */
public final class PriceTable {
  static final String BUNDLED_RESOURCE = "bundled-prices.json";

  private static volatile @Nullable PriceTable bundled;

  private final String tableVersion;
  private final List<ModelPrice> prices;

  private PriceTable(String tableVersion, List<ModelPrice> prices) {
    this.tableVersion = requireNonNull(tableVersion, "tableVersion");
    this.prices = List.copyOf(requireNonNull(prices, "prices"));
  }

  /** A table of these prices, in this order. */
  public static PriceTable of(String tableVersion, List<ModelPrice> prices) {
    return new PriceTable(tableVersion, prices);
  }

  /**
   * Parses a table in the format above. Does not close {@code in}.
   *
   * @throws IllegalArgumentException naming the model id and field when the content is invalid
   * @throws UncheckedIOException when {@code in} cannot be read
   */
  public static PriceTable read(InputStream in) {
    return PriceTableReader.read(requireNonNull(in, "in"));
  }

  /**
   * The table shipped with Loupe, loaded on first use and cached.
   *
   * @throws IllegalStateException when the bundled resource is missing or invalid
   */
  public static PriceTable bundled() {
    PriceTable table = bundled;
    if (table == null) {
      synchronized (PriceTable.class) {
        table = bundled;
        if (table == null) bundled = table = loadBundled();
      }
    }
    return table;
  }

  /** The version (date) of the table's content, e.g. {@code 2026-11-24}. */
  public String tableVersion() {
    return tableVersion;
  }

  /** The prices, in table order. */
  public List<ModelPrice> prices() {
    return prices;
  }

  /** The price with this id. */
  public Optional<ModelPrice> byId(String id) {
    for (ModelPrice p : prices) {
      if (p.id().equals(id)) return Optional.of(p);
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "PriceTable{" + tableVersion + ", " + prices.size() + " models}";
  }

  private static PriceTable loadBundled() {
    try (InputStream in = PriceTable.class.getResourceAsStream(BUNDLED_RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + BUNDLED_RESOURCE);
      return read(in);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "bundled price table " + BUNDLED_RESOURCE + " is invalid: " + e.getMessage(), e);
    }
  }
}
