package dev.loupe.sdk;

import dev.loupe.semconv.CommonAttributes;
import dev.loupe.semconv.LangfuseAttributes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Where Loupe's spans go: a tracer provider of its own (OTLP/HTTP protobuf behind a batch
 * processor, shut down on close and at JVM exit), the application's OpenTelemetry (only flushed),
 * or nothing.
 */
final class TracingPipeline {
  static final TracingPipeline NOOP =
      new TracingPipeline(tracer(TracerProvider.noop()), false, null, null);

  final Tracer tracer;
  final boolean enabled;
  private final SdkTracerProvider owned;
  private final OpenTelemetry shared;
  private volatile Thread shutdownHook;

  private TracingPipeline(
      Tracer tracer, boolean enabled, SdkTracerProvider owned, OpenTelemetry shared) {
    this.tracer = tracer;
    this.enabled = enabled;
    this.owned = owned;
    this.shared = shared;
  }

  /** The pipeline {@code b} describes; {@link #NOOP} when it names nothing to export to. */
  static TracingPipeline from(LoupeBuilder b) {
    if (b.openTelemetry != null) {
      return new TracingPipeline(
          tracer(b.openTelemetry.getTracerProvider()), true, null, b.openTelemetry);
    }
    ExportTarget target = b.exportTarget();
    SpanExporter exporter = b.spanExporter;
    if (exporter == null && target == null) return NOOP;
    if (exporter == null) exporter = otlpExporter(target);
    Resource resource = Resource.getDefault();
    if (b.serviceName != null) {
      resource =
          resource.merge(
              Resource.builder().put(CommonAttributes.SERVICE_NAME, b.serviceName).build());
    }
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(resource)
            .addSpanProcessor(
                BatchSpanProcessor.builder(exporter).setScheduleDelay(b.exportDelay).build())
            .build();
    TracingPipeline pipeline = new TracingPipeline(tracer(provider), true, provider, null);
    if (b.shutdownHook) pipeline.registerShutdownHook();
    if (target != null) Safely.LOG.info("Loupe exports traces to " + target.endpoint());
    return pipeline;
  }

  private static Tracer tracer(TracerProvider provider) {
    return provider
        .tracerBuilder(LangfuseAttributes.SCOPE_NAME)
        .setInstrumentationVersion(Loupe.SDK_VERSION)
        .build();
  }

  private static SpanExporter otlpExporter(ExportTarget target) {
    OtlpHttpSpanExporterBuilder exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint(target.endpoint())
            .setTimeout(Duration.ofSeconds(10));
    target.headers().forEach(exporter::addHeader);
    return exporter.build();
  }

  private void registerShutdownHook() {
    Thread hook = new Thread(this::shutdownOwned, "loupe-shutdown");
    Safely.run("registering the shutdown hook", () -> Runtime.getRuntime().addShutdownHook(hook));
    shutdownHook = hook;
  }

  boolean flush() {
    return Safely.get(
        "flushing",
        () -> {
          SdkTracerProvider provider = owned;
          if (provider == null && shared instanceof OpenTelemetrySdk sdk) {
            provider = sdk.getSdkTracerProvider();
          }
          if (provider == null) return true;
          return provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess();
        },
        false);
  }

  void close() {
    Thread hook = shutdownHook;
    if (hook != null) {
      shutdownHook = null;
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException | SecurityException e) {
        // the JVM is already shutting down; the hook runs anyway
      }
    }
    if (owned != null) {
      shutdownOwned();
    } else {
      flush();
    }
  }

  private void shutdownOwned() {
    Safely.run("shutting down", () -> owned.shutdown().join(10, TimeUnit.SECONDS));
  }
}
