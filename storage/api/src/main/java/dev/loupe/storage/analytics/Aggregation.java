package dev.loupe.storage.analytics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a measure's per-record values become one value per group. */
public enum Aggregation {
  SUM,
  AVG,
  /** Number of records in the group (whatever the measure). */
  COUNT,
  MIN,
  MAX,
  P50(0.50),
  P75(0.75),
  P90(0.90),
  P95(0.95),
  P99(0.99),
  /** Number of distinct non-null values. */
  UNIQ;

  /**
   * The Java type of an aggregated value: {@code Long}, {@code BigDecimal}, {@code Double} or
   * {@code Instant}.
   */
  public enum ValueType {
    LONG,
    DECIMAL,
    DOUBLE,
    INSTANT
  }

  private final double percentile;

  Aggregation() {
    this(Double.NaN);
  }

  Aggregation(double percentile) {
    this.percentile = percentile;
  }

  /** Whether this is one of the percentiles. */
  public boolean isPercentile() {
    return !Double.isNaN(percentile);
  }

  /** The percentile as a fraction (0.95 for p95); NaN for the others. */
  public double percentile() {
    return percentile;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether this aggregation is defined for the measure: {@code ID} measures take count and uniq,
   * {@code TIME} measures min and max, the others every aggregation.
   */
  public boolean appliesTo(Measure measure) {
    return switch (measure.kind()) {
      case ID -> this == COUNT || this == UNIQ;
      case TIME -> this == MIN || this == MAX;
      default -> true;
    };
  }

  /** The aggregations that apply to a measure as wire names for a message: {@code min or max}. */
  public static String allowedFor(Measure measure) {
    List<String> names =
        Arrays.stream(values())
            .filter(a -> a.appliesTo(measure))
            .map(Aggregation::wireName)
            .toList();
    if (names.size() == 1) return names.get(0);
    return String.join(", ", names.subList(0, names.size() - 1))
        + " or "
        + names.get(names.size() - 1);
  }

  /** The type of this aggregation's values over the measure (see the package doc). */
  public ValueType valueType(Measure measure) {
    return switch (this) {
      case COUNT, UNIQ -> ValueType.LONG;
      case AVG, P50, P75, P90, P95, P99 -> ValueType.DOUBLE;
      case SUM, MIN, MAX ->
          switch (measure.kind()) {
            case COUNT, TOKENS, FLAG, ID -> ValueType.LONG;
            case COST -> ValueType.DECIMAL;
            case DURATION, RATE, VALUE -> ValueType.DOUBLE;
            case TIME -> ValueType.INSTANT;
          };
    };
  }

  /**
   * The aggregation for a wire name.
   *
   * @throws IllegalArgumentException naming the field and the allowed values
   */
  public static Aggregation fromWire(String name, String field) {
    for (Aggregation a : values()) if (a.wireName().equals(name)) return a;
    throw new IllegalArgumentException(
        field
            + ": unknown aggregation '"
            + name
            + "' (allowed: "
            + Arrays.stream(values()).map(Aggregation::wireName).collect(Collectors.joining(", "))
            + ")");
  }
}
