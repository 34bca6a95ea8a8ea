package dev.loupe.integrations.langchain4j;

import dev.loupe.semconv.LangfuseAttributes;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.util.function.Supplier;

/** What generation and tool spans share: the tracer lookup and the error marking. */
final class Observations {
  /** Instrumentation scope of every span this module starts. */
  static final String SCOPE_NAME = "dev.loupe.langchain4j";

  static final String LEVEL_ERROR = "ERROR";

  /**
   * The global tracer, looked up on every use so an OpenTelemetry installed after the listener was
   * built is still found.
   */
  static Supplier<Tracer> globalTracer() {
    return () -> GlobalOpenTelemetry.getTracer(SCOPE_NAME);
  }

  static Supplier<Tracer> tracerOf(OpenTelemetry openTelemetry) {
    if (openTelemetry == null) {
      throw new NullPointerException("openTelemetry == null");
    }
    Tracer tracer = openTelemetry.getTracer(SCOPE_NAME);
    return () -> tracer;
  }

  static Supplier<Tracer> fixed(Tracer tracer) {
    if (tracer == null) {
      throw new NullPointerException("tracer == null");
    }
    return () -> tracer;
  }

  /** Level ERROR with the message on the wire, OTel status ERROR, and the exception event. */
  static void markError(Span span, String message, Throwable error) {
    String text = message != null ? message : error != null ? error.getClass().getName() : "error";
    span.setAttribute(LangfuseAttributes.OBSERVATION_LEVEL, LEVEL_ERROR);
    span.setAttribute(LangfuseAttributes.OBSERVATION_STATUS_MESSAGE, text);
    span.setStatus(StatusCode.ERROR, text);
    if (error != null) {
      span.recordException(error);
    }
  }

  static String messageOf(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getClass().getName() : message;
  }

  private Observations() {}
}
