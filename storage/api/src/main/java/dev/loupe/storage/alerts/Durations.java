package dev.loupe.storage.alerts;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * Durations as people write them in rules: {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, or an
 * ISO-8601 duration ({@code PT5M}); written back in the shortest whole unit.
 */
public final class Durations {
  private Durations() {}

  /**
   * Parses {@code <n>ms|s|m|h|d} or ISO-8601.
   *
   * @throws IllegalArgumentException naming the field
   */
  public static Duration parse(String text, String field) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
      int unitAt = 0;
      while (unitAt < t.length() && Character.isDigit(t.charAt(unitAt))) unitAt++;
      if (unitAt == 0) throw new NumberFormatException();
      long n = Long.parseLong(t.substring(0, unitAt));
      return switch (t.substring(unitAt)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          field + ": expected a duration like 30s, 5m, 1h, 2d or PT5M, got '" + text + "'");
    }
  }

  /** The shortest form: {@code 5m}, {@code 90s}, {@code 1500ms}, {@code 0s}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) return "0s";
    if (ms % 86_400_000 == 0) return ms / 86_400_000 + "d";
    if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
    if (ms % 60_000 == 0) return ms / 60_000 + "m";
    if (ms % 1000 == 0) return ms / 1000 + "s";
    return ms + "ms";
  }

  /** A threshold or value as plain decimal text: {@code 0.05}, {@code 2500}. */
  public static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
