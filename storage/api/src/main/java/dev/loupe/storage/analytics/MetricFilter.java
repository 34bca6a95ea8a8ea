package dev.loupe.storage.analytics;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A condition on a dimension: {@code column operator values}. Single-value operators take exactly
 * one value, list operators one or more, the null tests none.
 */
public record MetricFilter(Dimension column, FilterOperator operator, List<String> values) {
  public MetricFilter {
    requireNonNull(column, "column");
    requireNonNull(operator, "operator");
    values = List.copyOf(requireNonNull(values, "values"));
    String where = "filters[" + column.wireName() + " " + operator.wireName() + "]";
    if (operator.takesNoValue() && !values.isEmpty()) {
      throw new IllegalArgumentException(where + ": takes no value");
    }
    if (operator.takesList() && values.isEmpty()) {
      throw new IllegalArgumentException(where + ": needs at least one value");
    }
    if (!operator.takesList() && !operator.takesNoValue() && values.size() != 1) {
      throw new IllegalArgumentException(where + ": needs exactly one value");
    }
    boolean listOnly =
        operator == FilterOperator.ANY_OF
            || operator == FilterOperator.NONE_OF
            || operator == FilterOperator.ALL_OF;
    if (column == Dimension.TAGS && !listOnly) {
      throw new IllegalArgumentException(where + ": tags take any of, none of or all of");
    }
    if (column != Dimension.TAGS && operator == FilterOperator.ALL_OF) {
      throw new IllegalArgumentException(where + ": all of applies to tags only");
    }
  }

  /** The single value of a single-value operator. */
  public String value() {
    return values.get(0);
  }
}
