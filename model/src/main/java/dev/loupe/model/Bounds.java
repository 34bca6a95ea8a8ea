package dev.loupe.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The values Loupe keeps: what every storage backend holds and every derived measure (latency,
 * tokens per second, sums) computes without overflow. Ingest checks each trace and observation
 * against these before it leaves ingest; a value outside is that item's error, naming the field.
 * The model itself accepts any value, so that rows stored before a bound existed stay readable.
 *
 * <ul>
 *   <li><b>Times</b> from {@link #MIN_TIME} (1970-01-01, included) to {@link #END_TIME}
 *       (2200-01-01, excluded). OTLP sends times as unsigned nanoseconds since 1970, so nothing
 *       earlier exists on that wire; a signed 64-bit count of nanoseconds (what {@code
 *       Duration.toNanos} returns and ClickHouse's {@code DateTime64(9)} holds) ends in 2262; and
 *       the difference of any two times in the range (under 230 years) fits every duration type the
 *       readers use, DuckDB's {@code TIMESTAMP} (microseconds) included.
 *   <li><b>Costs</b> from 0 to {@link #MAX_COST} USD: DuckDB keeps them as {@code DECIMAL(18,12)},
 *       exact to 1e-12 with 6 digits before the point. At most {@link #MAX_COST_DECIMALS} decimal
 *       places, so that writing one out in plain digits stays short.
 *   <li><b>Units</b> (usage counts) from 0 to {@link #MAX_UNITS}, 10^12: a trillion tokens per call
 *       is far beyond any model, and a sum of nine million maximal entries still fits a long.
 *   <li><b>Ids</b> at most {@link #MAX_ID_LENGTH} characters (Langfuse's bound), not blank, and
 *       well-formed UTF-16 (no unpaired surrogate, which UTF-8 cannot encode).
 *   <li><b>Prompt versions</b> not negative.
 *   <li><b>Nesting</b>: structured values (OTLP {@code AnyValue} arrays and key-value lists, the
 *       JSON of a Langfuse event's fields, dotted attribute keys rebuilt into objects) at most
 *       {@link #MAX_DEPTH} levels deep, so that code walking them recursively stays far from the
 *       stack's end (the launcher gives threads 512 KiB). Real chat messages and tool schemas nest
 *       a dozen levels or so.
 * </ul>
 *
 * <p>Each check returns why a value is out of bounds (without the field name), or null when it is
 * within them; {@link #problems(Observation)} and {@link #problems(Trace)} name the field: {@code
 * startTime: 0001-01-01T00:00:00Z is before 1970-01-01T00:00:00Z}.
 */
public final class Bounds {
  /** The earliest time kept (included). */
  public static final Instant MIN_TIME = Instant.EPOCH;

  /** The end of the times kept (excluded). */
  public static final Instant END_TIME = Instant.parse("2200-01-01T00:00:00Z");

  /** Decimal places a store keeps of a cost. */
  public static final int COST_SCALE = 12;

  /** The largest cost of one observation, in USD: what {@code DECIMAL(18,12)} holds. */
  public static final BigDecimal MAX_COST = new BigDecimal("999999.999999999999");

  /** The most decimal places a cost may be sent with. */
  public static final int MAX_COST_DECIMALS = 64;

  /** The largest count of one usage entry. */
  public static final long MAX_UNITS = 1_000_000_000_000L;

  /** The longest id, in characters. */
  public static final int MAX_ID_LENGTH = 800;

  /** The deepest a structured value may nest. */
  public static final int MAX_DEPTH = 64;

  private Bounds() {}

  /** Why {@code t} is out of bounds, or null. */
  public static @Nullable String time(Instant t) {
    if (t.isBefore(MIN_TIME)) return t + " is before " + MIN_TIME;
    if (!t.isBefore(END_TIME)) return t + " is at or after " + END_TIME;
    return null;
  }

  /**
   * Why {@code usd} is out of bounds, or null. Cheap for any value: nothing here scales it, so
   * {@code 1E+99999999} is refused at once.
   */
  public static @Nullable String cost(BigDecimal usd) {
    if (usd.signum() < 0) return show(usd) + " is negative";
    if (usd.compareTo(MAX_COST) > 0) {
      return show(usd) + " is above " + MAX_COST.toPlainString() + " USD";
    }
    if (usd.scale() > MAX_COST_DECIMALS) {
      return show(usd) + " has more than " + MAX_COST_DECIMALS + " decimal places";
    }
    return null;
  }

  /** Plain digits ({@code 2000000}) when short, else E-notation ({@code 1E+400}). */
  private static String show(BigDecimal v) {
    long exponent = (long) v.precision() - v.scale() - 1;
    return exponent >= -20 && exponent <= 20 ? v.toPlainString() : v.toString();
  }

  /** Why a usage count is out of bounds, or null. */
  public static @Nullable String units(long n) {
    if (n < 0) return n + " is negative";
    if (n > MAX_UNITS) return n + " is above " + MAX_UNITS;
    return null;
  }

  /** Why an id is out of bounds, or null. */
  public static @Nullable String id(String id) {
    if (id.isBlank()) return "is blank";
    if (!isWellFormed(id)) return "contains an unpaired UTF-16 surrogate";
    if (id.length() > MAX_ID_LENGTH) {
      return "is " + id.length() + " characters long, more than " + MAX_ID_LENGTH;
    }
    return null;
  }

  /**
   * True when every UTF-16 surrogate in {@code s} is half of a pair, so that it can be written as
   * UTF-8. A JSON string may escape one alone.
   */
  public static boolean isWellFormed(String s) {
    return !Chars.anyBetween(s, 0, s.length(), Character.MIN_SURROGATE, Character.MAX_SURROGATE)
        || pairsAll(s);
  }

  private static boolean pairsAll(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (!Character.isSurrogate(c)) continue;
      if (!Character.isHighSurrogate(c) || i + 1 == n || !Character.isLowSurrogate(s.charAt(++i))) {
        return false;
      }
    }
    return true;
  }

  /** Every field of {@code o} out of bounds, as {@code field: why}; empty when none is. */
  public static List<String> problems(Observation o) {
    List<String> out = new ArrayList<>(0);
    add(out, "id", id(o.id()));
    add(out, "traceId", id(o.traceId()));
    if (o.parentObservationId() != null) {
      add(out, "parentObservationId", id(o.parentObservationId()));
    }
    add(out, "startTime", time(o.startTime()));
    if (o.endTime() != null) add(out, "endTime", time(o.endTime()));
    if (o.completionStartTime() != null) {
      add(out, "completionStartTime", time(o.completionStartTime()));
    }
    for (Map.Entry<String, Long> e : o.usageDetails().entrySet()) {
      String problem = units(e.getValue()); // the field's name only for a problem: this runs a lot
      if (problem != null) out.add("usageDetails." + e.getKey() + ": " + problem);
    }
    costEntries(o, out);
    if (out.isEmpty()) sums(o, out); // each entry is within bounds; the sums may still not be
    if (o.promptVersion() != null && o.promptVersion() < 0) {
      add(out, "promptVersion", o.promptVersion() + " is negative");
    }
    return out;
  }

  /**
   * The cost fields of {@code o} out of bounds, as {@link #problems(Observation)} names them
   * ({@code costDetails.<type>: why}, then the sums a store keeps); empty when none is. What
   * pricing checks of a cost it calculated.
   */
  public static List<String> costProblems(Observation o) {
    List<String> out = new ArrayList<>(0);
    costEntries(o, out);
    if (out.isEmpty()) sums(o, out);
    return out;
  }

  private static void costEntries(Observation o, List<String> out) {
    for (Map.Entry<String, BigDecimal> e : o.costDetails().entrySet()) {
      String problem = cost(e.getValue());
      if (problem != null) out.add("costDetails." + e.getKey() + ": " + problem);
    }
  }

  private static void sums(Observation o, List<String> out) {
    add(out, "costDetails", sum("total", o.totalCost()));
    add(out, "costDetails", sum("input", o.inputCost()));
    add(out, "costDetails", sum("output", o.outputCost()));
  }

  /** Every field of {@code t} out of bounds, as {@code field: why}; empty when none is. */
  public static List<String> problems(Trace t) {
    List<String> out = new ArrayList<>(0);
    add(out, "id", id(t.id()));
    add(out, "timestamp", time(t.timestamp()));
    return out;
  }

  private static @Nullable String sum(String which, @Nullable BigDecimal usd) {
    return usd == null || usd.compareTo(MAX_COST) <= 0
        ? null
        : "the " + which + " cost " + show(usd) + " is above " + MAX_COST.toPlainString() + " USD";
  }

  private static void add(List<String> out, String field, @Nullable String problem) {
    if (problem != null) out.add(field + ": " + problem);
  }
}
