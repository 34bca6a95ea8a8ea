package dev.loupe.sdk;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;

/**
 * Entry point of the Loupe SDK: records observations (spans, generations, tool calls, ...) as
 * OpenTelemetry spans carrying the Langfuse wire attributes, so Loupe, Langfuse and Lemma servers
 * all read them.
 *
 * <pre>{@code
 * try (Loupe loupe = Loupe.fromEnv()) {
 *   Response r = loupe.startActiveObservation("draft-reply", ObservationType.GENERATION, gen -> {
 *     Response response = callModel(messages);
 *     gen.input(messages).output(response.text()).model("gpt-4o")
 *        .usageDetails(Map.of("input", response.inputTokens(), "output", response.outputTokens()));
 *     return response;
 *   });
 * }
 * }</pre>
 *
 * <p>Loupe never throws into the caller's code: its own failures are logged ({@code
 * java.util.logging}, logger {@code dev.loupe.sdk}), and an unconfigured Loupe runs the caller's
 * code without recording. Thread-safe.
 */
public final class Loupe implements AutoCloseable {
  /** Instrumentation scope version of the spans Loupe writes. */
  public static final String SDK_VERSION = "0.1.0";

  private static final Loupe NOOP = new Loupe(TracingPipeline.NOOP, TraceAttributes.EMPTY);

  private final TracingPipeline pipeline;
  private final Tracer tracer;
  private final TraceAttributes defaults;

  private Loupe(TracingPipeline pipeline, TraceAttributes defaults) {
    this.pipeline = pipeline;
    this.tracer = pipeline.tracer;
    this.defaults = defaults;
  }

  /** A Loupe configured from the environment variables listed on {@link LoupeBuilder#env}. */
  public static Loupe fromEnv() {
    return builder().env(System.getenv()).build();
  }

  /** A builder with nothing configured. */
  public static LoupeBuilder builder() {
    return new LoupeBuilder();
  }

  /** A Loupe that records nothing and runs the caller's code unchanged. */
  public static Loupe noop() {
    return NOOP;
  }

  static Loupe create(LoupeBuilder b) {
    TracingPipeline pipeline = TracingPipeline.from(b);
    if (pipeline == TracingPipeline.NOOP) return NOOP;
    return new Loupe(
        pipeline, TraceAttributes.builder().environment(b.environment).release(b.release).build());
  }

  /** Whether observations are recorded (false for a no-op Loupe). */
  public boolean isEnabled() {
    return pipeline.enabled;
  }

  /** The tracer Loupe records with (scope {@code langfuse-sdk}), for integrations. */
  public Tracer tracer() {
    return tracer;
  }

  /**
   * Runs {@code fn} inside a new observation of {@code type}, a child of the current context, that
   * is current while {@code fn} runs and ends when it returns. If {@code fn} throws, the
   * observation gets level ERROR with the exception's message as status, and the exception is
   * rethrown unchanged.
   *
   * @return what {@code fn} returned
   * @throws E what {@code fn} threw, unchanged
   */
  public <T, E extends Exception> T startActiveObservation(
      String name, ObservationType type, ObservationFunction<T, E> fn) throws E {
    ObservationCore core = ObservationCore.start(tracer, Context.current(), name, type, defaults);
    Scope scope =
        Safely.get("making an observation current", core.context::makeCurrent, Scope.noop());
    try {
      return fn.apply(new ObservationHandle(core));
    } catch (Throwable error) {
      core.fail(error);
      throw error;
    } finally {
      Safely.run("closing an observation scope", scope::close);
      core.end(null);
    }
  }

  /** {@link #startActiveObservation(String, ObservationType, ObservationFunction)} for a SPAN. */
  public <T, E extends Exception> T startActiveObservation(
      String name, ObservationFunction<T, E> fn) throws E {
    return startActiveObservation(name, ObservationType.SPAN, fn);
  }

  /**
   * {@link #startActiveObservation(String, ObservationType, ObservationFunction)} for code with no
   * result.
   */
  public <E extends Exception> void runActiveObservation(
      String name, ObservationType type, ObservationConsumer<E> fn) throws E {
    startActiveObservation(
        name,
        type,
        (ObservationHandle handle) -> {
          fn.accept(handle);
          return null;
        });
  }

  /** {@link #runActiveObservation(String, ObservationType, ObservationConsumer)} for a SPAN. */
  public <E extends Exception> void runActiveObservation(String name, ObservationConsumer<E> fn)
      throws E {
    runActiveObservation(name, ObservationType.SPAN, fn);
  }

  /**
   * Starts an observation, a child of the current context, without making it current. The caller
   * ends it with {@link Observation#end()} (from any thread), or uses {@link
   * Observation#makeCurrent()} in a try-with-resources block.
   */
  public Observation startObservation(String name, ObservationType type) {
    return startObservation(Context.current(), name, type);
  }

  /** {@link #startObservation(String, ObservationType)} for a SPAN. */
  public Observation startObservation(String name) {
    return startObservation(name, ObservationType.SPAN);
  }

  Observation startObservation(Context parent, String name, ObservationType type) {
    return new Observation(this, ObservationCore.start(tracer, parent, name, type, defaults));
  }

  /**
   * Sets trace attributes on the current observation and hands the propagated ones (name, user,
   * session, tags, metadata, version, release, environment) to observations started later in it.
   */
  public void updateTrace(TraceAttributes attributes) {
    if (attributes == null) return;
    Safely.run(
        "updating trace attributes",
        () -> {
          TraceWriter.write(Span.current(), attributes);
          PropagatedAttributes.add(Context.current(), attributes);
        });
  }

  /**
   * Calls {@code fn} with {@code attributes} set on the current observation and on every
   * observation started inside {@code fn}, like the Langfuse SDK's {@code propagateAttributes}.
   */
  public <T> T propagateAttributes(TraceAttributes attributes, Supplier<T> fn) {
    Scope scope =
        Safely.get(
            "propagating trace attributes",
            () -> {
              TraceWriter.write(Span.current(), attributes.propagated());
              return PropagatedAttributes.open(Context.current(), attributes).makeCurrent();
            },
            Scope.noop());
    try {
      return fn.get();
    } finally {
      Safely.run("closing a propagation scope", scope::close);
    }
  }

  /** {@link #propagateAttributes(TraceAttributes, Supplier)} for code with no result. */
  public void propagateAttributes(TraceAttributes attributes, Runnable fn) {
    propagateAttributes(
        attributes,
        () -> {
          fn.run();
          return null;
        });
  }

  /**
   * Exports every ended observation now and waits up to ten seconds.
   *
   * @return whether the export finished in time and succeeded
   */
  public boolean flush() {
    return pipeline.flush();
  }

  /**
   * Flushes and, for a standalone Loupe, shuts its tracer provider down. An application's own
   * OpenTelemetry is flushed but left running.
   */
  @Override
  public void close() {
    pipeline.close();
  }
}
