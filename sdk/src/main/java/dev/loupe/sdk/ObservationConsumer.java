package dev.loupe.sdk;

/**
 * Code that runs inside an observation and returns nothing; may throw a checked exception, which
 * {@link Loupe#runActiveObservation(String, ObservationType, ObservationConsumer)} rethrows
 * unchanged. A {@code java.util.function.Consumer} is passed as {@code fn::accept}.
 *
 * @param <E> the checked exception it may throw ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface ObservationConsumer<E extends Exception> {
  void accept(ObservationHandle observation) throws E;
}
