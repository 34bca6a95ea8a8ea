package dev.loupe.ingest.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Test-side OTLP/JSON encoder, independent of the decoder under test, in the forms senders use. */
final class OtlpJsonWriter {
  /**
   * @param snakeCase proto field names instead of lowerCamel
   * @param numbers 64-bit integers as JSON numbers instead of strings
   * @param enumNames enums as names instead of numbers
   */
  record Style(boolean snakeCase, boolean numbers, boolean enumNames) {
    /** What the Langfuse JS SDK sends: lowerCamel, strings for 64-bit integers, enum numbers. */
    static final Style LANGFUSE_JS = new Style(false, false, false);

    static final Style SNAKE_NUMBERS_NAMES = new Style(true, true, true);
  }

  private static final JsonFactory JSON = new JsonFactory();
  private static final List<String> KINDS = JsonSpanReader.SPAN_KINDS;
  private static final List<String> CODES = JsonSpanReader.STATUS_CODES;

  private final Style style;
  private final JsonGenerator g;

  private OtlpJsonWriter(Style style, JsonGenerator g) {
    this.style = style;
    this.g = g;
  }

  static byte[] write(ExportTraceServiceRequest request, Style style) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      new OtlpJsonWriter(style, g).request(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void request(ExportTraceServiceRequest request) throws IOException {
    g.writeStartObject();
    field("resourceSpans");
    g.writeStartArray();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      g.writeStartObject();
      field("resource");
      g.writeStartObject();
      keyValues("attributes", rs.getResource().getAttributesList());
      g.writeEndObject();
      field("scopeSpans");
      g.writeStartArray();
      for (ScopeSpans ss : rs.getScopeSpansList()) scopeSpans(ss);
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private void scopeSpans(ScopeSpans ss) throws IOException {
    g.writeStartObject();
    field("scope");
    g.writeStartObject();
    g.writeStringField("name", ss.getScope().getName());
    if (!ss.getScope().getVersion().isEmpty())
      g.writeStringField("version", ss.getScope().getVersion());
    g.writeEndObject();
    field("spans");
    g.writeStartArray();
    for (Span span : ss.getSpansList()) span(span);
    g.writeEndArray();
    g.writeEndObject();
  }

  private void span(Span span) throws IOException {
    g.writeStartObject();
    id("traceId", span.getTraceId());
    id("spanId", span.getSpanId());
    if (!span.getParentSpanId().isEmpty()) id("parentSpanId", span.getParentSpanId());
    g.writeStringField("name", span.getName());
    enumField("kind", span.getKindValue(), KINDS);
    int64("startTimeUnixNano", span.getStartTimeUnixNano());
    int64("endTimeUnixNano", span.getEndTimeUnixNano());
    keyValues("attributes", span.getAttributesList());
    field("events");
    g.writeStartArray();
    for (Span.Event e : span.getEventsList()) {
      g.writeStartObject();
      int64("timeUnixNano", e.getTimeUnixNano());
      g.writeStringField("name", e.getName());
      keyValues("attributes", e.getAttributesList());
      g.writeEndObject();
    }
    g.writeEndArray();
    field("status");
    g.writeStartObject();
    if (!span.getStatus().getMessage().isEmpty())
      g.writeStringField("message", span.getStatus().getMessage());
    enumField("code", span.getStatus().getCodeValue(), CODES);
    g.writeEndObject();
    g.writeNumberField("flags", 257);
    g.writeEndObject();
  }

  private void keyValues(String name, List<KeyValue> keyValues) throws IOException {
    field(name);
    g.writeStartArray();
    for (KeyValue kv : keyValues) {
      g.writeStartObject();
      g.writeStringField("key", kv.getKey());
      field("value");
      value(kv.getValue());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private void value(AnyValue v) throws IOException {
    g.writeStartObject();
    switch (v.getValueCase()) {
      case STRING_VALUE -> g.writeStringField(name("stringValue"), v.getStringValue());
      case BOOL_VALUE -> g.writeBooleanField(name("boolValue"), v.getBoolValue());
      case INT_VALUE -> int64("intValue", v.getIntValue());
      case DOUBLE_VALUE -> {
        field("doubleValue");
        double d = v.getDoubleValue();
        if (Double.isNaN(d)) g.writeString("NaN");
        else if (Double.isInfinite(d)) g.writeString(d > 0 ? "Infinity" : "-Infinity");
        else g.writeNumber(d);
      }
      case BYTES_VALUE ->
          g.writeStringField(
              name("bytesValue"),
              Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray()));
      case ARRAY_VALUE -> {
        field("arrayValue");
        g.writeStartObject();
        field("values");
        g.writeStartArray();
        for (AnyValue item : v.getArrayValue().getValuesList()) value(item);
        g.writeEndArray();
        g.writeEndObject();
      }
      case KVLIST_VALUE -> {
        field("kvlistValue");
        g.writeStartObject();
        keyValues("values", v.getKvlistValue().getValuesList());
        g.writeEndObject();
      }
      default -> {}
    }
    g.writeEndObject();
  }

  private void id(String name, ByteString id) throws IOException {
    g.writeStringField(name(name), HexFormat.of().formatHex(id.toByteArray()));
  }

  private void int64(String name, long value) throws IOException {
    field(name);
    if (style.numbers()) g.writeNumber(value);
    else g.writeString(Long.toString(value));
  }

  private void enumField(String name, int number, List<String> names) throws IOException {
    field(name);
    if (style.enumNames()) g.writeString(names.get(number));
    else g.writeNumber(number);
  }

  private void field(String camel) throws IOException {
    g.writeFieldName(name(camel));
  }

  private String name(String camel) {
    return style.snakeCase() ? camel.replaceAll("([A-Z])", "_$1").toLowerCase() : camel;
  }
}
