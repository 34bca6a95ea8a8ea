package dev.loupe.server.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A page's time-range choice, as its {@code range} parameter names it: a span ending now, or all
 * time. Each page offers the choices that suit it and reads the parameter with {@link #of}.
 */
public enum TimeRange {
  M15("15m", Duration.ofMinutes(15), "the last 15 minutes"),
  H1("1h", Duration.ofHours(1), "the last hour"),
  H24("24h", Duration.ofHours(24), "the last 24 hours"),
  D7("7d", Duration.ofDays(7), "the last 7 days"),
  D30("30d", Duration.ofDays(30), "the last 30 days"),
  D90("90d", Duration.ofDays(90), "the last 90 days"),
  ALL("all", null, "all time");

  private final String wire;
  private final @Nullable Duration span;
  private final String label;

  TimeRange(String wire, @Nullable Duration span, String label) {
    this.wire = wire;
    this.span = span;
    this.label = label;
  }

  /** The parameter value: {@code 24h}. */
  public String wire() {
    return wire;
  }

  /** For a sentence: {@code the last 24 hours}. */
  public String label() {
    return label;
  }

  /** The span; null for all time. */
  public @Nullable Duration span() {
    return span;
  }

  /** Where the range starts when it ends at {@code now}; the epoch for all time. */
  public Instant start(Instant now) {
    return span == null ? Instant.EPOCH : now.minus(span);
  }

  /** The range among {@code offered} that {@code wire} names; empty when none does. */
  public static Optional<TimeRange> of(@Nullable String wire, List<TimeRange> offered) {
    for (TimeRange r : offered) if (r.wire.equals(wire)) return Optional.of(r);
    return Optional.empty();
  }

  /** The parameter values of {@code ranges}, in order. */
  public static List<String> wires(List<TimeRange> ranges) {
    return ranges.stream().map(TimeRange::wire).toList();
  }
}
