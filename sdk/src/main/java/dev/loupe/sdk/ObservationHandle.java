package dev.loupe.sdk;

/**
 * The observation given to a {@link Loupe#startActiveObservation} callback. Loupe ends it when the
 * callback returns or throws; use the {@link ObservationFields} setters to record what happened.
 */
public final class ObservationHandle extends ObservationFields<ObservationHandle> {
  ObservationHandle(ObservationCore core) {
    super(core);
  }

  @Override
  ObservationHandle self() {
    return this;
  }
}
