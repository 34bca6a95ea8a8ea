package dev.loupe.sdk;

import io.opentelemetry.context.Scope;

/**
 * An observation that is current on this thread until {@link #close()}, for try-with-resources:
 *
 * <pre>{@code
 * try (ActiveObservation gen = loupe.startObservation("draft-reply", GENERATION).makeCurrent()) {
 *   gen.model("gpt-4o").input(messages);
 *   ...
 * }
 * }</pre>
 *
 * Closing ends the observation and restores the previous context. An exception thrown in the block
 * is not seen by {@code close()}; record it with {@link #recordException}.
 */
public final class ActiveObservation extends ObservationFields<ActiveObservation>
    implements AutoCloseable {
  private final Scope scope;

  ActiveObservation(ObservationCore core, Scope scope) {
    super(core);
    this.scope = scope;
  }

  @Override
  ActiveObservation self() {
    return this;
  }

  /** Restores the previous context and ends the observation. */
  @Override
  public void close() {
    Safely.run("closing an observation scope", scope::close);
    core.end(null);
  }
}
