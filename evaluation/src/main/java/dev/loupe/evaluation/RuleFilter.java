package dev.loupe.evaluation;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One condition a target must meet (Langfuse's rule filter: column, operator, value, and a key for
 * metadata). Text operators: {@code =}, {@code contains}, {@code does not contain}, {@code starts
 * with}, {@code ends with}; lists: {@code any of}, {@code none of}, {@code all of}; numbers: {@code
 * =}, {@code >}, {@code <}, {@code >=}, {@code <=}; {@code is null}, {@code is not null}.
 *
 * <p>Columns of both targets: {@code traceName}, {@code userId}, {@code sessionId}, {@code tags},
 * {@code environment}, {@code release}, {@code version}, {@code metadata} (with {@code key}; the
 * trace's for a trace, the observation's for an observation), {@code latency} (seconds), {@code
 * cost} (USD). A trace also has {@code name} (= traceName), {@code model}, {@code type} and {@code
 * level} (any of its observations'); an observation has its own {@code name}, {@code type}, {@code
 * model}, {@code level} and {@code parentObservationId}.
 */
public record RuleFilter(
    String column, String operator, List<String> values, @Nullable String key) {

  static final Set<String> TEXT_OPERATORS =
      Set.of("=", "contains", "does not contain", "starts with", "ends with");
  static final Set<String> LIST_OPERATORS = Set.of("any of", "none of", "all of");
  static final Set<String> NUMBER_OPERATORS = Set.of("=", ">", "<", ">=", "<=");
  static final Set<String> NULL_OPERATORS = Set.of("is null", "is not null");

  private static final Set<String> COMMON =
      Set.of(
          "traceName",
          "userId",
          "sessionId",
          "tags",
          "environment",
          "release",
          "version",
          "metadata",
          "latency",
          "cost",
          "name",
          "model",
          "type",
          "level");
  private static final Set<String> OBSERVATION_ONLY = Set.of("parentObservationId");

  public RuleFilter {
    requireNonNull(column, "column");
    operator = requireNonNull(operator, "operator").toLowerCase(Locale.ROOT);
    values = values == null ? List.of() : List.copyOf(values);
    if (!TEXT_OPERATORS.contains(operator)
        && !LIST_OPERATORS.contains(operator)
        && !NUMBER_OPERATORS.contains(operator)
        && !NULL_OPERATORS.contains(operator)) {
      throw new IllegalArgumentException("filter.operator: unknown operator '" + operator + "'");
    }
    if (!NULL_OPERATORS.contains(operator) && values.isEmpty())
      throw new IllegalArgumentException("filter.value: is required for '" + operator + "'");
    if (numeric(column)) {
      if (!NUMBER_OPERATORS.contains(operator))
        throw new IllegalArgumentException(
            "filter.operator: " + column + " takes =, >, <, >= or <=, got '" + operator + "'");
      for (String v : values) {
        try {
          Double.parseDouble(v);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "filter.value: " + column + " takes a number, got '" + v + "'");
        }
      }
    } else if (Set.of(">", "<", ">=", "<=").contains(operator)) {
      throw new IllegalArgumentException(
          "filter.operator: '" + operator + "' compares numbers; " + column + " is text");
    }
    if ("metadata".equals(column) && (key == null || key.isBlank()))
      throw new IllegalArgumentException("filter.key: a metadata filter needs the key");
  }

  static boolean numeric(String column) {
    return "latency".equals(column) || "cost".equals(column);
  }

  void checkFor(EvalRule.Target target) {
    boolean known =
        COMMON.contains(column)
            || (target == EvalRule.Target.OBSERVATION && OBSERVATION_ONLY.contains(column));
    if (!known) {
      throw new IllegalArgumentException(
          "filter.column: '" + column + "' is not a column of a " + target.wire() + " rule");
    }
  }

  /** Whether the field's values (several for tags, or a trace's models) pass. */
  boolean test(List<String> actual) {
    switch (operator) {
      case "is null":
        return actual.isEmpty();
      case "is not null":
        return !actual.isEmpty();
      case "any of":
        return actual.stream().anyMatch(values::contains);
      case "none of":
        return actual.stream().noneMatch(values::contains);
      case "all of":
        return actual.containsAll(values);
      default:
        break;
    }
    if (numeric(column)) {
      if (actual.isEmpty()) return false;
      double a = Double.parseDouble(actual.get(0));
      double v = Double.parseDouble(values.get(0));
      return switch (operator) {
        case ">" -> a > v;
        case "<" -> a < v;
        case ">=" -> a >= v;
        case "<=" -> a <= v;
        default -> a == v;
      };
    }
    String v = values.get(0);
    return switch (operator) {
      case "=" -> actual.contains(v);
      case "contains" -> actual.stream().anyMatch(a -> a.contains(v));
      case "does not contain" -> actual.stream().noneMatch(a -> a.contains(v));
      case "starts with" -> actual.stream().anyMatch(a -> a.startsWith(v));
      case "ends with" -> actual.stream().anyMatch(a -> a.endsWith(v));
      default -> false;
    };
  }
}
