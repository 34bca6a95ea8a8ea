package dev.loupe.sdk;

import dev.loupe.semconv.LangfuseAttributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** One started observation: its span, its type, and the context its children start in. */
final class ObservationCore {
  final Span span;
  final ObservationType type;
  final Context context;
  private final Instant start;
  private final AtomicBoolean ended = new AtomicBoolean();

  private ObservationCore(Span span, ObservationType type, Context context, Instant start) {
    this.span = span;
    this.type = type;
    this.context = context;
    this.start = start;
  }

  /** Starts a span below {@code parent}, carrying the trace attributes in force there. */
  static ObservationCore start(
      Tracer tracer, Context parent, String name, ObservationType type, TraceAttributes defaults) {
    ObservationType t = type == null ? ObservationType.SPAN : type;
    return Safely.get(
        "starting observation ",
        name,
        () -> {
          Instant start = Instant.now();
          SpanBuilder b =
              tracer
                  .spanBuilder(name == null || name.isBlank() ? "observation" : name)
                  .setParent(parent)
                  .setStartTimestamp(start)
                  .setAttribute(LangfuseAttributes.OBSERVATION_TYPE, t.wireValue());
          Span span = b.startSpan();
          TraceWriter.write(span, defaults.merge(PropagatedAttributes.in(parent)));
          Context ctx = PropagatedAttributes.open(parent.with(span), TraceAttributes.EMPTY);
          return new ObservationCore(span, t, ctx, start);
        },
        () ->
            new ObservationCore(
                Span.getInvalid(), t, parent.with(Span.getInvalid()), Instant.now()));
  }

  void updateTrace(TraceAttributes attributes) {
    Safely.run(
        "updating trace attributes",
        () -> {
          TraceWriter.write(span, attributes);
          PropagatedAttributes.add(context, attributes);
        });
  }

  /** Marks the observation failed: level ERROR, the message as status, OTel status ERROR. */
  void fail(Throwable error) {
    Safely.run(
        "recording an exception",
        () -> {
          String message = error.getMessage() == null ? error.toString() : error.getMessage();
          span.setAttribute(LangfuseAttributes.OBSERVATION_LEVEL, ObservationLevel.ERROR.name());
          span.setAttribute(LangfuseAttributes.OBSERVATION_STATUS_MESSAGE, message);
          span.setStatus(StatusCode.ERROR, message);
          span.recordException(error);
        });
  }

  /** Ends the span once; an EVENT ends at its start time. Later calls do nothing. */
  void end(Instant at) {
    if (!ended.compareAndSet(false, true)) return;
    Safely.run(
        "ending observation",
        () -> {
          Instant end = type == ObservationType.EVENT ? start : at;
          if (end == null) {
            span.end();
          } else {
            long nanos = end.getEpochSecond() * 1_000_000_000L + end.getNano();
            span.end(nanos, TimeUnit.NANOSECONDS);
          }
        });
  }

  boolean isEnded() {
    return ended.get();
  }
}
