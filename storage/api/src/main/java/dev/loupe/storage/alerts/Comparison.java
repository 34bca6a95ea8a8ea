package dev.loupe.storage.alerts;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How a rule's value is held against its threshold; a rule breaches when this holds. */
public enum Comparison {
  GT(">"),
  GTE(">="),
  LT("<"),
  LTE("<="),
  EQ("=="),
  NEQ("!=");

  private final String wireName;

  Comparison(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether {@code value <op> threshold} holds. */
  public boolean holds(double value, double threshold) {
    return switch (this) {
      case GT -> value > threshold;
      case GTE -> value >= threshold;
      case LT -> value < threshold;
      case LTE -> value <= threshold;
      case EQ -> value == threshold;
      case NEQ -> value != threshold;
    };
  }

  /**
   * The comparison for a wire name ({@code >}, {@code >=}, {@code <}, {@code <=}, {@code ==},
   * {@code !=}).
   *
   * @throws IllegalArgumentException naming the field and the allowed values
   */
  public static Comparison fromWire(String name, String field) {
    for (Comparison c : values()) if (c.wireName.equals(name)) return c;
    throw new IllegalArgumentException(
        field
            + ": unknown comparison '"
            + name
            + "' (allowed: "
            + Arrays.stream(values()).map(Comparison::wireName).collect(Collectors.joining(", "))
            + ")");
  }
}
