package dev.loupe.model;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;

/** A condition a non-default {@link PricingTier} needs. */
public sealed interface TierCondition {

  /** Comparison of a usage sum with a threshold. */
  enum Operator {
    GT,
    GTE,
    LT,
    LTE,
    EQ,
    NEQ;

    /** Whether {@code left <op> right}. */
    public boolean test(BigDecimal left, BigDecimal right) {
      int c = left.compareTo(right);
      return switch (this) {
        case GT -> c > 0;
        case GTE -> c >= 0;
        case LT -> c < 0;
        case LTE -> c <= 0;
        case EQ -> c == 0;
        case NEQ -> c != 0;
      };
    }
  }

  /**
   * Holds when the sum of the usage entries whose key matches {@code usageDetailPattern} compares
   * to {@code value} with {@code operator} (e.g. input-side tokens {@code > 200000}).
   */
  record Usage(
      String usageDetailPattern, Operator operator, BigDecimal value, boolean caseSensitive)
      implements TierCondition {
    public Usage {
      requireNonNull(usageDetailPattern, "usageDetailPattern");
      if (usageDetailPattern.length() > 200) {
        throw new IllegalArgumentException("usageDetailPattern longer than 200 characters");
      }
      ModelPrice.compile(usageDetailPattern);
      requireNonNull(operator, "operator");
      requireNonNull(value, "value");
    }
  }

  /**
   * Holds when the observation's model parameter or metadata value at {@code key} is one of {@code
   * values} (e.g. {@code service_tier} in {@code ["flex"]}).
   */
  record Attribute(Source source, String key, List<String> values) implements TierCondition {
    /** Where the attribute is read. */
    public enum Source {
      MODEL_PARAMETERS,
      METADATA
    }

    public Attribute {
      requireNonNull(source, "source");
      requireNonNull(key, "key");
      values = List.copyOf(requireNonNull(values, "values"));
    }
  }
}
