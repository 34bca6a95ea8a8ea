package dev.loupe.storage.analytics;

/**
 * What a metrics query aggregates: one record per trace, per observation, or per score. The score
 * views are Langfuse's: {@code scores-numeric} holds the NUMERIC and BOOLEAN scores (a BOOLEAN's
 * average value is its rate of "True"), {@code scores-categorical} the CATEGORICAL ones; TEXT
 * scores are in neither.
 */
public enum MetricsView {
  /** One record per trace; time is the trace timestamp; measures sum over its observations. */
  TRACES("traces"),
  /** One record per observation; time is its start time. */
  OBSERVATIONS("observations"),
  /** One record per NUMERIC or BOOLEAN score; time is the score's timestamp. */
  SCORES_NUMERIC("scores-numeric"),
  /** One record per CATEGORICAL score; time is the score's timestamp. */
  SCORES_CATEGORICAL("scores-categorical");

  private final String wireName;

  MetricsView(String wireName) {
    this.wireName = wireName;
  }

  /** The wire name: {@code traces}, {@code observations}, {@code scores-numeric}, ... */
  public String wireName() {
    return wireName;
  }

  /** Whether the records are scores. */
  public boolean scores() {
    return this == SCORES_NUMERIC || this == SCORES_CATEGORICAL;
  }

  /**
   * The view for a wire name.
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static MetricsView fromWire(String name) {
    for (MetricsView v : values()) if (v.wireName().equals(name)) return v;
    throw new IllegalArgumentException(
        "view: unknown view '"
            + name
            + "' (allowed: traces, observations, scores-numeric, scores-categorical)");
  }
}
