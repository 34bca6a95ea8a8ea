package dev.loupe.integrations.springai;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.ai.tool.observation.ToolCallingContentObservationFilter;

/**
 * What Spring Boot's tracing auto-configuration builds with {@code micrometer-tracing-bridge-otel}
 * on the class path, by hand: an {@link ObservationRegistry} whose observations become
 * OpenTelemetry spans, exported over OTLP/HTTP protobuf to {@code endpoint} (and kept in memory so
 * the test can show what Spring AI really emitted). With {@code includeToolContent} it adds the
 * filter Spring AI's {@code spring.ai.tools.observations.include-content=true} adds; with {@code
 * includeChatContent} the guide's {@link ChatContentObservationFilter}.
 */
final class MicrometerOtel implements AutoCloseable {
  private final InMemorySpanExporter captured = InMemorySpanExporter.create();
  private final SdkTracerProvider provider;
  private final ObservationRegistry registry = ObservationRegistry.create();

  MicrometerOtel(
      String endpoint,
      String authorization,
      boolean includeToolContent,
      boolean includeChatContent) {
    OtlpHttpSpanExporter otlp =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(endpoint)
            .addHeader("Authorization", authorization)
            .setTimeout(Duration.ofSeconds(30)) // see flush()
            .build();
    provider =
        SdkTracerProvider.builder()
            // batched, as an application exports: one export per span (SimpleSpanProcessor) runs
            // them all at once, and the exporter's client refuses a sixth while five are in flight
            // (a cold server on a busy CI box answered the first ones slowly enough)
            .addSpanProcessor(BatchSpanProcessor.builder(otlp).build())
            .addSpanProcessor(SimpleSpanProcessor.create(captured))
            .build();
    OtelCurrentTraceContext current = new OtelCurrentTraceContext();
    OtelTracer tracer =
        new OtelTracer(
            provider.get("spring-ai-app"),
            current,
            event -> {},
            new OtelBaggageManager(current, List.of(), List.of()));
    registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
    if (includeChatContent) {
      registry.observationConfig().observationFilter(new ChatContentObservationFilter());
    }
    if (includeToolContent) {
      registry.observationConfig().observationFilter(new ToolCallingContentObservationFilter());
    }
  }

  ObservationRegistry registry() {
    return registry;
  }

  /** The spans finished so far, as Spring AI and the bridge made them. */
  List<SpanData> spans() {
    return captured.getFinishedSpanItems();
  }

  /**
   * Waits for every span's export: generous (30 s) for a server just started on a busy 2-core CI
   * box; the test takes 3 s on a quiet machine.
   */
  void flush() {
    if (!provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()) {
      throw new IllegalStateException("OTLP export to Loupe did not finish (or failed) in 30 s");
    }
  }

  @Override
  public void close() {
    provider.close();
  }
}
