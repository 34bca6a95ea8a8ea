package dev.loupe.ingest.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.loupe.ingest.BadPayloadException;
import dev.loupe.ingest.otlp.SpanRecord.SpanEvent;
import dev.loupe.model.Bounds;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The protobuf decoder as it was before the streaming one ({@link ProtobufTraceDecoder}):
 * protobuf's generated parser builds the whole {@code ExportTraceServiceRequest}, which is then
 * converted. Kept unchanged (with the {@code ByteString} id checks {@link SpanIds} had) as the
 * reference the streaming decoder is compared with, and as the old path of the bench's {@code
 * ProtobufDecodeBench}.
 */
public final class ReferenceTraceDecoder {
  /**
   * Message levels the parser reads before it refuses the body: enough for {@link Bounds#MAX_DEPTH}
   * nested key-value lists (three levels each, under the request, resource, scope, span and
   * attribute), so that those are rejected per span with a reason; protobuf's default, 100, stops
   * at about 30.
   */
  static final int RECURSION_LIMIT = 8 + 3 * Bounds.MAX_DEPTH;

  public DecodedSpans decode(byte[] body) {
    return decode(body, 0, body.length);
  }

  /**
   * @throws BadPayloadException ({@code MALFORMED}) when the bytes are not an {@code
   *     ExportTraceServiceRequest}
   */
  public DecodedSpans decode(byte[] body, int offset, int length) {
    ExportTraceServiceRequest request;
    try {
      CodedInputStream in = CodedInputStream.newInstance(body, offset, length);
      in.setRecursionLimit(RECURSION_LIMIT);
      request = ExportTraceServiceRequest.parser().parseFrom(in);
      in.checkLastTagWas(0);
    } catch (InvalidProtocolBufferException e) {
      throw new BadPayloadException(
          BadPayloadException.Reason.MALFORMED,
          "OTLP/protobuf body is not an ExportTraceServiceRequest: " + e.getMessage(),
          e);
    }
    SpanCollector out = new SpanCollector(true);
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      Map<String, Object> resource = Map.of();
      String resourceProblem = null;
      try {
        resource =
            attributes(resourceSpans.getResource().getAttributesList(), "resource.attributes");
      } catch (InvalidSpanException e) {
        resourceProblem = e.getMessage();
      }
      for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
        InstrumentationScope scope = scopeSpans.getScope();
        String version = scope.getVersion();
        for (Span span : scopeSpans.getSpansList()) {
          if (resourceProblem != null) {
            out.reject(out.nextIndex(), span.getName(), hex(span.getSpanId()), resourceProblem);
          } else {
            add(out, span, resource, scope.getName(), version.isEmpty() ? null : version);
          }
        }
      }
    }
    return out.result();
  }

  private static void add(
      SpanCollector out,
      Span span,
      Map<String, Object> resource,
      String scopeName,
      @Nullable String scopeVersion) {
    int index = out.nextIndex();
    try {
      String message = span.getStatus().getMessage();
      out.accept(
          new SpanRecord(
              traceId(span.getTraceId()),
              spanId(span.getSpanId()),
              parentSpanId(span.getParentSpanId()),
              span.getName(),
              span.getKindValue(),
              span.getStartTimeUnixNano(),
              span.getEndTimeUnixNano(),
              attributes(span.getAttributesList(), "attributes"),
              events(span.getEventsList()),
              span.getStatus().getCodeValue(),
              message.isEmpty() ? null : message,
              resource,
              scopeName,
              scopeVersion));
    } catch (InvalidSpanException e) {
      out.reject(index, span.getName(), hex(span.getSpanId()), e.getMessage());
    }
  }

  private static List<SpanEvent> events(List<Span.Event> events) {
    if (events.isEmpty()) return List.of();
    List<SpanEvent> out = new ArrayList<>(events.size());
    for (int i = 0, n = events.size(); i < n; i++) {
      Span.Event e = events.get(i);
      out.add(
          new SpanEvent(
              e.getName(),
              e.getTimeUnixNano(),
              attributes(e.getAttributesList(), "event attributes")));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * @throws InvalidSpanException when a value nests deeper than {@link Bounds#MAX_DEPTH}
   */
  private static Map<String, Object> attributes(List<KeyValue> keyValues, String field) {
    if (keyValues.isEmpty()) return Map.of();
    Map<String, Object> out = LinkedHashMap.newLinkedHashMap(keyValues.size());
    for (int i = 0, n = keyValues.size(); i < n; i++) {
      KeyValue kv = keyValues.get(i);
      Object value;
      try {
        value = value(kv.getValue(), 1);
      } catch (TooDeep e) {
        throw new InvalidSpanException(
            field
                + " "
                + SpanIds.quote(kv.getKey())
                + ": values nested deeper than "
                + Bounds.MAX_DEPTH
                + " levels");
      }
      if (value != null) out.put(kv.getKey(), value);
    }
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, Object> kvlist(List<KeyValue> keyValues, int depth) {
    if (keyValues.isEmpty()) return Map.of();
    Map<String, Object> out = LinkedHashMap.newLinkedHashMap(keyValues.size());
    for (int i = 0, n = keyValues.size(); i < n; i++) {
      KeyValue kv = keyValues.get(i);
      Object value = value(kv.getValue(), depth + 1);
      if (value != null) out.put(kv.getKey(), value);
    }
    return Collections.unmodifiableMap(out);
  }

  /** An {@code AnyValue} nested {@code depth} deep (an attribute's own value is 1). */
  private static @Nullable Object value(AnyValue value, int depth) {
    if (depth > Bounds.MAX_DEPTH) throw new TooDeep();
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case BYTES_VALUE -> value.getBytesValue().toByteArray();
      case ARRAY_VALUE -> array(value.getArrayValue().getValuesList(), depth);
      case KVLIST_VALUE -> kvlist(value.getKvlistValue().getValuesList(), depth);
      // string_value_strindex points into a profiles dictionary, which trace requests do not have
      case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> null;
    };
  }

  private static List<Object> array(List<AnyValue> values, int depth) {
    if (values.isEmpty()) return List.of();
    List<Object> out = new ArrayList<>(values.size());
    for (int i = 0, n = values.size(); i < n; i++) {
      Object value = value(values.get(i), depth + 1);
      if (value != null) out.add(value);
    }
    return Collections.unmodifiableList(out);
  }

  /** A value nested too deep; cheap (no stack trace), caught where its attribute is known. */
  private static final class TooDeep extends RuntimeException {
    TooDeep() {
      super(null, null, false, false);
    }
  }

  // --- the ByteString id checks SpanIds had, unchanged ---

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

  static String hex(ByteString bytes) {
    int n = bytes.size();
    if (n == 0) return "";
    byte[] out = new byte[n * 2];
    for (int i = 0; i < n; i++) {
      int b = bytes.byteAt(i) & 0xff;
      out[2 * i] = HEX[b >>> 4];
      out[2 * i + 1] = HEX[b & 0xf];
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  static String traceId(ByteString id) {
    return required("traceId", id, SpanIds.TRACE_ID_HEX);
  }

  static String spanId(ByteString id) {
    return required("spanId", id, SpanIds.SPAN_ID_HEX);
  }

  static @Nullable String parentSpanId(ByteString id) {
    if (id.isEmpty()) return null;
    String hex = hex(id);
    if (hex.length() != SpanIds.SPAN_ID_HEX)
      throw wrongLength("parentSpanId", SpanIds.SPAN_ID_HEX, hex);
    return isAllZeros(hex) ? null : hex;
  }

  private static String required(String field, ByteString id, int hexLength) {
    if (id.isEmpty()) throw new InvalidSpanException(field + " is missing");
    String hex = hex(id);
    if (hex.length() != hexLength) throw wrongLength(field, hexLength, hex);
    if (isAllZeros(hex))
      throw new InvalidSpanException(field + " is all zeros, which is not a valid id");
    return hex;
  }

  private static InvalidSpanException wrongLength(String field, int hexLength, String id) {
    return new InvalidSpanException(
        field
            + " must be "
            + hexLength / 2
            + " bytes ("
            + hexLength
            + " hex characters), got "
            + SpanIds.quote(id));
  }

  private static boolean isAllZeros(String hex) {
    for (int i = 0; i < hex.length(); i++) {
      if (hex.charAt(i) != '0') return false;
    }
    return true;
  }
}
