package dev.loupe.integrations.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/** A real OpenTelemetry SDK that keeps finished spans in memory. */
final class SpanCapture implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

  OpenTelemetrySdk openTelemetry() {
    return OpenTelemetrySdk.builder().setTracerProvider(provider).build();
  }

  Tracer tracer() {
    return provider.get("test");
  }

  List<SpanData> spans() {
    return exporter.getFinishedSpanItems();
  }

  List<SpanData> spansOfType(String type) {
    return spans().stream()
        .filter(span -> type.equals(string(span, "langfuse.observation.type")))
        .toList();
  }

  static String string(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  static JsonNode json(SpanData span, String key) {
    String text = string(span, key);
    if (text == null) {
      throw new AssertionError("span " + span.getName() + " has no attribute " + key);
    }
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("attribute " + key + " is not JSON: " + text, e);
    }
  }

  static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  @Override
  public void close() {
    provider.close();
  }
}
