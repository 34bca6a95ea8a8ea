package dev.loupe.sdk;

/**
 * Code that runs inside an observation and returns a result; may throw a checked exception, which
 * {@link Loupe#startActiveObservation(String, ObservationType, ObservationFunction)} rethrows
 * unchanged. A {@code java.util.function.Function} is passed as {@code fn::apply}.
 *
 * @param <T> the result
 * @param <E> the checked exception it may throw ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface ObservationFunction<T, E extends Exception> {
  T apply(ObservationHandle observation) throws E;
}
