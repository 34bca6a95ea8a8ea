package dev.loupe.alerting;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one evaluation of a rule found over {@code [from, to)}: a value, no data (both null), or the
 * query's failure.
 */
public record Evaluation(Instant from, Instant to, @Nullable Double value, @Nullable String error) {

  public static Evaluation value(Instant from, Instant to, double value) {
    return new Evaluation(from, to, value, null);
  }

  public static Evaluation noData(Instant from, Instant to) {
    return new Evaluation(from, to, null, null);
  }

  public static Evaluation failed(Instant from, Instant to, String error) {
    return new Evaluation(from, to, null, error);
  }

  public boolean failed() {
    return error != null;
  }

  public boolean noData() {
    return value == null && error == null;
  }
}
