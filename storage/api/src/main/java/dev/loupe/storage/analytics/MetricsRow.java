package dev.loupe.storage.analytics;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One group of a metrics answer: its time bucket (null without a granularity), its dimension values
 * by wire name (a value may be null), and its metric values by alias ({@code Long}, {@code
 * BigDecimal}, {@code Double} or {@code Instant} as {@link Aggregation#valueType} says; null over
 * no values).
 */
public record MetricsRow(
    @Nullable Instant time,
    Map<String, @Nullable String> dimensions,
    Map<String, @Nullable Object> values) {

  /** The order field naming the time bucket. */
  public static final String TIME = "time";

  public MetricsRow {
    dimensions = Collections.unmodifiableMap(new LinkedHashMap<>(dimensions));
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
