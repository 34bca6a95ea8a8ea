package dev.loupe.examples.springai;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.ai.tool.observation.ToolCallingContentObservationFilter;

/**
 * The tracing setup Spring Boot builds with {@code micrometer-tracing-bridge-otel} and an OTLP
 * exporter, by hand: an OpenTelemetry SDK exporting OTLP/HTTP protobuf to Loupe with Basic auth,
 * and a Micrometer {@link ObservationRegistry} whose observations (Spring AI's chat and tool
 * observations) become spans of it, tool arguments and results included.
 */
final class LoupeExport implements AutoCloseable {
  final String baseUrl;
  final OpenTelemetrySdk openTelemetry;
  final ObservationRegistry registry = ObservationRegistry.create();

  private LoupeExport(String baseUrl, String publicKey, String secretKey) {
    this.baseUrl = baseUrl;
    String basic =
        Base64.getEncoder()
            .encodeToString((publicKey + ":" + secretKey).getBytes(StandardCharsets.UTF_8));
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(baseUrl + "/api/public/otel/v1/traces")
            .addHeader("Authorization", "Basic " + basic)
            .build();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.builder()
                            .put(AttributeKey.stringKey("service.name"), "spring-ai-example")
                            .build()))
            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
            .build();
    openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
    OtelCurrentTraceContext current = new OtelCurrentTraceContext();
    OtelTracer tracer =
        new OtelTracer(
            openTelemetry.getTracer("spring-ai-example"),
            current,
            event -> {},
            new OtelBaggageManager(current, List.of(), List.of()));
    registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
    // tool arguments and results on the tool spans, as spring.ai.tools.observations.include-content
    registry.observationConfig().observationFilter(new ToolCallingContentObservationFilter());
  }

  /**
   * The export {@code env} names: {@code LOUPE_BASE_URL} (default {@code http://localhost:3000})
   * with {@code LOUPE_PUBLIC_KEY}/{@code LOUPE_SECRET_KEY}, or the {@code LANGFUSE_*} names.
   *
   * @return the export, or null when the key pair is missing
   */
  static LoupeExport fromEnv(Map<String, String> env) {
    String publicKey = first(env, "LOUPE_PUBLIC_KEY", "LANGFUSE_PUBLIC_KEY");
    String secretKey = first(env, "LOUPE_SECRET_KEY", "LANGFUSE_SECRET_KEY");
    if (publicKey == null || secretKey == null) return null;
    String baseUrl = first(env, "LOUPE_BASE_URL", "LANGFUSE_BASE_URL", "LANGFUSE_HOST");
    if (baseUrl == null) baseUrl = "http://localhost:3000";
    if (baseUrl.endsWith("/")) baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    return new LoupeExport(baseUrl, publicKey, secretKey);
  }

  private static String first(Map<String, String> env, String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) return value.strip();
    }
    return null;
  }

  @Override
  public void close() {
    openTelemetry.close();
  }
}
