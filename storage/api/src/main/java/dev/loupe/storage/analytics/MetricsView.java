package dev.loupe.storage.analytics;

import java.util.Locale;

/** What a metrics query aggregates: one record per trace, or one per observation. */
public enum MetricsView {
  /** One record per trace; time is the trace timestamp; measures sum over its observations. */
  TRACES,
  /** One record per observation; time is its start time. */
  OBSERVATIONS;

  /** The wire name: {@code traces} or {@code observations}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The view for a wire name.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static MetricsView fromWire(String name) {
    for (MetricsView v : values()) if (v.wireName().equals(name)) return v;
    throw new IllegalArgumentException(
        "view: unknown view '" + name + "' (allowed: traces, observations)");
  }
}
