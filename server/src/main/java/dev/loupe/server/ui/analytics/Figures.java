package dev.loupe.server.ui.analytics;

import dev.loupe.server.ui.Formats;
import java.math.BigDecimal;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Analytics values as the metrics API writes them ({@code MetricsJson}: longs as integers, decimals
 * plain, doubles as Java writes them, null and non-finite doubles as {@code null}) and as display
 * text.
 */
final class Figures {
  static final String NULL = "null";

  private Figures() {}

  /** The JSON text the metrics API gives for this value. */
  static String apiValue(@Nullable Object v) {
    return switch (v) {
      case null -> NULL;
      case BigDecimal d -> d.toPlainString();
      case Double d when d.isNaN() || d.isInfinite() -> NULL;
      case Double d -> Double.toString(d);
      default -> v.toString();
    };
  }

  /**
   * A cost in US dollars as the pages write costs ({@link Formats#money}): cents from $1 up ({@code
   * $4,617.77}), else three significant digits ({@code $0.000275}); a dash for no cost. The exact
   * value is the cell's data-value and hover text.
   */
  static String cost(@Nullable Object v) {
    if (!(v instanceof BigDecimal d)) return "—";
    return Formats.money(d);
  }

  /** A count with thousands separators. */
  static String count(@Nullable Object v) {
    if (!(v instanceof Number n)) return "0";
    return Formats.count(n.longValue());
  }

  /** Milliseconds (a double) as latency text; empty when there is none. */
  static String millis(@Nullable Object v) {
    if (!(v instanceof Double d) || d.isNaN() || d.isInfinite()) return Formats.NONE;
    return Formats.latency(Duration.ofNanos(Math.round(d * 1_000_000)));
  }

  /** A score's number (an average, a percentile) to three significant digits. */
  static String score(@Nullable Object v) {
    if (!(v instanceof Double d) || d.isNaN() || d.isInfinite()) return Formats.NONE;
    return new BigDecimal(d)
        .round(new java.math.MathContext(3))
        .stripTrailingZeros()
        .toPlainString();
  }

  /** A fraction as a percentage with up to two decimals: {@code 2.5%}. */
  static String rate(@Nullable Object v) {
    if (!(v instanceof Double d) || d.isNaN() || d.isInfinite()) return Formats.NONE;
    BigDecimal pct = BigDecimal.valueOf(d * 100).setScale(2, java.math.RoundingMode.HALF_UP);
    return pct.stripTrailingZeros().toPlainString() + "%";
  }
}
