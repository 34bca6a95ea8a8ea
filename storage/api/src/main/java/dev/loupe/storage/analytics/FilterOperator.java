package dev.loupe.storage.analytics;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Filter operators (Langfuse's wire names). Comparisons are exact and case-sensitive. A record
 * whose value is null matches only {@code !=}, {@code none of}, {@code does not contain} and {@code
 * is null}. For {@link Dimension#TAGS} only {@code any of}, {@code none of} and {@code all of}
 * apply: any of = at least one tag listed, none of = no tag listed, all of = every listed tag
 * present.
 */
public enum FilterOperator {
  EQ("="),
  NEQ("!="),
  CONTAINS("contains"),
  NOT_CONTAINS("does not contain"),
  STARTS_WITH("starts with"),
  ENDS_WITH("ends with"),
  ANY_OF("any of"),
  NONE_OF("none of"),
  ALL_OF("all of"),
  IS_NULL("is null"),
  IS_NOT_NULL("is not null");

  private final String wireName;

  FilterOperator(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether the operator takes a list of values (else one value, or none for the null tests). */
  public boolean takesList() {
    return this == ANY_OF || this == NONE_OF || this == ALL_OF;
  }

  /** Whether the operator takes no value. */
  public boolean takesNoValue() {
    return this == IS_NULL || this == IS_NOT_NULL;
  }

  /**
   * The operator for a wire name.
   *
   * @throws IllegalArgumentException naming the field and the allowed values
   */
  public static FilterOperator fromWire(String name, String field) {
    for (FilterOperator o : values()) if (o.wireName.equals(name)) return o;
    throw new IllegalArgumentException(
        field
            + ": unknown operator '"
            + name
            + "' (allowed: "
            + Arrays.stream(values())
                .map(FilterOperator::wireName)
                .collect(Collectors.joining(", "))
            + ")");
  }
}
