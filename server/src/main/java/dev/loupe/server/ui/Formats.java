package dev.loupe.server.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.loupe.model.Json;
import dev.loupe.model.Times;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** Display text for values the pages show; templates escape it, so no markup is built here. */
public final class Formats {
  public static final String NONE = "";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** The first and last second {@link #time} and {@link #iso} write digit by digit. */
  private static final long FIRST_FAST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();

  private static final long LAST_FAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

  private Formats() {}

  /**
   * {@code 2026-12-05 06:44:34 UTC}. A list writes 50 of these per page: years 0 to 9999 are
   * written digit by digit, which costs a fraction of the formatter, and others by the formatter.
   */
  public static String time(Instant t) {
    if (t.getEpochSecond() < FIRST_FAST || t.getEpochSecond() > LAST_FAST) return TIME.format(t);
    LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
    return date(new StringBuilder(23), d, ' ').append(" UTC").toString();
  }

  /**
   * ISO-8601 UTC to the millisecond, for {@code <time datetime>}: the lists' script shows it as
   * local and relative time, {@link #time} staying the text without script. As {@link
   * DateTimeFormatter#ISO_INSTANT} writes it ({@code 2026-12-05T06:44:34.858Z}, no fraction for a
   * whole second), digit by digit for years 0 to 9999.
   */
  public static String iso(Instant t) {
    Instant ms = t.truncatedTo(ChronoUnit.MILLIS);
    if (ms.getEpochSecond() < FIRST_FAST || ms.getEpochSecond() > LAST_FAST) {
      return DateTimeFormatter.ISO_INSTANT.format(ms);
    }
    LocalDateTime d = LocalDateTime.ofEpochSecond(ms.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder b = date(new StringBuilder(24), d, 'T');
    int millis = ms.getNano() / 1_000_000;
    if (millis > 0) digits(b.append('.'), millis, 3);
    return b.append('Z').toString();
  }

  /** {@code yyyy-MM-dd<sep>HH:mm:ss} of {@code d}, a year of four digits. */
  private static StringBuilder date(StringBuilder b, LocalDateTime d, char sep) {
    digits(b, d.getYear(), 4).append('-');
    digits(b, d.getMonthValue(), 2).append('-');
    digits(b, d.getDayOfMonth(), 2).append(sep);
    digits(b, d.getHour(), 2).append(':');
    digits(b, d.getMinute(), 2).append(':');
    return digits(b, d.getSecond(), 2);
  }

  /** {@code n >= 0} with leading zeros to {@code width} digits. */
  private static StringBuilder digits(StringBuilder b, int n, int width) {
    String s = Integer.toString(n);
    for (int i = s.length(); i < width; i++) b.append('0');
    return b.append(s);
  }

  /**
   * {@code 350 ms} under a second, else seconds with two decimals: {@code 1.50 s}. Any duration,
   * however long (a row stored with an absurd time), has a text.
   */
  public static String latency(@Nullable Duration d) {
    if (d == null) return NONE;
    long millis = Times.toMicros(d) / 1000;
    if (millis < 1000) return millis + " ms";
    // hundredths of a second, half up, as %.2f would write them (without its cost)
    BigDecimal seconds =
        BigDecimal.valueOf(d.getSeconds())
            .add(BigDecimal.valueOf(d.getNano(), 9))
            .setScale(2, java.math.RoundingMode.HALF_UP);
    return seconds.toPlainString() + " s";
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
    String digits = Long.toString(n);
    int first = n < 0 ? 1 : 0; // after the sign
    int len = digits.length() - first;
    if (len <= 3) return digits;
    StringBuilder b = new StringBuilder(digits.length() + len / 3).append(digits, 0, first);
    for (int i = 0; i < len; i++) {
      if (i > 0 && (len - i) % 3 == 0) b.append(',');
      b.append(digits.charAt(first + i));
    }
    return b.toString();
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
    // ids are mostly letters and digits, which encode to themselves: a list has 50 per page
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.'
              || c == '*';
      if (!plain) return queryValue(s).replace("+", "%20");
    }
    return s;
  }

  /** A point in time to the millisecond: {@code 2026-01-05 10:00:00.350 UTC}. */
  public static String preciseTime(java.time.Instant t) {
    return PRECISE_TIME.format(t);
  }

  private static final DateTimeFormatter PRECISE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);
}
