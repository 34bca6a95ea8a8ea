package dev.loupe.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A model's prices: which provided model names it matches ({@code matchPattern}, a Java regex,
 * usually {@code (?i)^(openai/)?(gpt-4o)$}), and per-unit USD prices per usage type in one or more
 * {@link PricingTier tiers}, exactly one of them the default.
 *
 * <p>{@code projectId} is null for the bundled table and set for a project's custom price; a
 * project's prices win over bundled ones, and among candidates the newest {@code startDate} wins (a
 * null start date counts as oldest). {@code source} and {@code checkedOn} record where a bundled
 * price came from and when it was last checked.
 */
public record ModelPrice(
    String id,
    @Nullable String projectId,
    String modelName,
    String matchPattern,
    @Nullable Instant startDate,
    String unit,
    @Nullable String tokenizerId,
    List<PricingTier> tiers,
    @Nullable String source,
    @Nullable LocalDate checkedOn,
    @Nullable Instant createdAt) {

  /** The unit prices are given in when none is named. */
  public static final String TOKENS = "TOKENS";

  public ModelPrice {
    requireNonNull(id, "id");
    if (id.isBlank()) throw new IllegalArgumentException("id is blank");
    requireNonNull(modelName, "modelName");
    if (modelName.isBlank()) throw new IllegalArgumentException("modelName is blank");
    requireNonNull(matchPattern, "matchPattern");
    compile(matchPattern);
    startDate = Times.micros(startDate);
    createdAt = Times.micros(createdAt);
    unit = unit == null || unit.isBlank() ? TOKENS : unit;
    tiers = List.copyOf(requireNonNull(tiers, "tiers"));
    long defaults = tiers.stream().filter(PricingTier::isDefault).count();
    if (defaults != 1) {
      throw new IllegalArgumentException(
          "pricingTiers: exactly one default tier required, found " + defaults);
    }
  }

  /** The tier used when no other tier's conditions all hold. */
  public PricingTier defaultTier() {
    return tiers.stream().filter(PricingTier::isDefault).findFirst().orElseThrow();
  }

  /** Whether this is a project's own price (else bundled). */
  public boolean isCustom() {
    return projectId != null;
  }

  /**
   * The compiled match pattern.
   *
   * @throws IllegalArgumentException naming the field when the pattern is not a valid regex
   */
  public static Pattern compile(String matchPattern) {
    try {
      return Pattern.compile(matchPattern);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "matchPattern is not a valid regular expression: " + e.getDescription(), e);
    }
  }
}
