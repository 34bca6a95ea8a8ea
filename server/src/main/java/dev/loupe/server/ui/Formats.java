package dev.loupe.server.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.loupe.model.Json;
import dev.loupe.model.Times;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/** Display text for values the pages show; templates escape it, so no markup is built here. */
public final class Formats {
  public static final String NONE = "";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Formats() {}

  public static String time(Instant t) {
    return TIME.format(t);
  }

  /**
   * ISO-8601 UTC to the millisecond, for {@code <time datetime>}: the lists' script shows it as
   * local and relative time, {@link #time} staying the text without script and on hover.
   */
  public static String iso(Instant t) {
    return java.time.format.DateTimeFormatter.ISO_INSTANT.format(
        t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  /**
   * {@code 350 ms} under a second, else seconds with two decimals: {@code 1.50 s}. Any duration,
   * however long (a row stored with an absurd time), has a text.
   */
  public static String latency(@Nullable Duration d) {
    if (d == null) return NONE;
    long millis = Times.toMicros(d) / 1000;
    if (millis < 1000) return millis + " ms";
    return String.format(java.util.Locale.ROOT, "%.2f s", d.getSeconds() + d.getNano() / 1e9);
  }

  /** US dollars, exact (no rounding away of small costs): {@code $0.000625}. */
  public static String cost(@Nullable BigDecimal usd) {
    if (usd == null) return NONE;
    return "$" + (usd.signum() == 0 ? "0" : usd.stripTrailingZeros().toPlainString());
  }

  /**
   * US dollars for reading: cents from $1 up, grouped ({@code $1,234.57}), else three significant
   * digits ({@code $0.000275}, {@code $0.0032}); {@code $0} for zero. Pages put the exact value
   * ({@link #cost}) in the hover text.
   */
  public static String money(@Nullable BigDecimal usd) {
    if (usd == null) return NONE;
    if (usd.signum() == 0) return "$0";
    if (usd.abs().compareTo(BigDecimal.ONE) >= 0) {
      java.text.DecimalFormat f =
          new java.text.DecimalFormat(
              "#,##0.00", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
      f.setRoundingMode(java.math.RoundingMode.HALF_UP);
      return (usd.signum() < 0 ? "-$" : "$") + f.format(usd.abs());
    }
    BigDecimal r = usd.round(new java.math.MathContext(3, java.math.RoundingMode.HALF_UP));
    return (r.signum() < 0 ? "-$" : "$") + r.abs().stripTrailingZeros().toPlainString();
  }

  /** A count of things with its noun: {@code 1 trace}, {@code 2,401 traces}. */
  public static String count(long n, String one, String many) {
    return count(n) + " " + (n == 1 ? one : many);
  }

  /** A count with thousands separators: {@code 24,966}. */
  public static String count(long n) {
    return String.format(java.util.Locale.ROOT, "%,d", n);
  }

  /** A size in bytes, short: {@code 812 B}, {@code 14.2 KB}, {@code 3.1 MB}. */
  public static String bytes(long n) {
    if (n < 1024) return n + " B";
    if (n < 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.1f KB", n / 1024.0);
    return String.format(java.util.Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
  }

  public static String text(@Nullable String s) {
    return s == null ? NONE : s;
  }

  /** JSON text indented for reading; text that is not JSON is shown as it is. */
  public static String prettyJson(@Nullable String json) {
    if (json == null || json.isBlank()) return NONE;
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.parse(json));
    } catch (IllegalArgumentException | JsonProcessingException e) {
      return json;
    }
  }

  /** A value for a URL query parameter: {@code a b&c} to {@code a+b%26c}. */
  public static String queryValue(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A URL path segment: {@code a b/c} to {@code a%20b%2Fc}. */
  public static String pathSegment(String s) {
    return queryValue(s).replace("+", "%20");
  }

  /** A point in time to the millisecond: {@code 2026-01-05 10:00:00.350 UTC}. */
  public static String preciseTime(java.time.Instant t) {
    return PRECISE_TIME.format(t);
  }

  private static final DateTimeFormatter PRECISE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);
}
