package dev.loupe.model;

import static java.util.Objects.requireNonNull;

/** One category of a score config: the label a score sends and the number it stands for. */
public record ScoreCategory(double value, String label) {
  public ScoreCategory {
    requireNonNull(label, "label");
    if (label.isBlank()) throw new IllegalArgumentException("label: is blank");
    if (!Double.isFinite(value)) throw new IllegalArgumentException("value: is not finite");
  }
}
