package dev.loupe.sdk;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * An observation whose lifetime the caller owns: started by {@link Loupe#startObservation}, ended
 * by {@link #end()} from any thread. Use {@link #run}/{@link #call} to start nested observations
 * under it (on any thread), or {@link #makeCurrent()} for a try-with-resources block.
 */
public final class Observation extends ObservationFields<Observation> {
  private final Loupe loupe;

  Observation(Loupe loupe, ObservationCore core) {
    super(core);
    this.loupe = loupe;
  }

  @Override
  Observation self() {
    return this;
  }

  /** Ends the observation now. Only the first end counts; an EVENT ends at its start time. */
  public void end() {
    core.end(null);
  }

  /** Ends the observation at {@code endTime}. */
  public void end(Instant endTime) {
    core.end(endTime);
  }

  /** Whether {@link #end} was called. */
  public boolean isEnded() {
    return core.isEnded();
  }

  /**
   * Makes this observation the current one on this thread until the returned scope is closed;
   * closing it also ends the observation. Close it on the same thread.
   */
  public ActiveObservation makeCurrent() {
    Scope scope =
        Safely.get("making an observation current", core.context::makeCurrent, Scope.noop());
    return new ActiveObservation(core, scope);
  }

  /** Runs {@code work} with this observation as the parent of observations it starts. */
  public void run(Runnable work) {
    call(
        () -> {
          work.run();
          return null;
        });
  }

  /**
   * Calls {@code work} with this observation as the parent of observations it starts, and returns
   * its result. Does not end this observation.
   */
  public <T> T call(Supplier<T> work) {
    Scope scope =
        Safely.get("making an observation current", core.context::makeCurrent, Scope.noop());
    try {
      return work.get();
    } finally {
      scope.close();
    }
  }

  /** Starts a child observation of this one, whatever is current on the calling thread. */
  public Observation startObservation(String name, ObservationType type) {
    return loupe.startObservation(core.context, name, type);
  }

  /** The OpenTelemetry context with this observation as the active span, for other threads. */
  public Context context() {
    return core.context;
  }
}
