package dev.loupe.ingest.otlp;

import static dev.loupe.ingest.otlp.WireReader.LENGTH_DELIMITED;
import static dev.loupe.ingest.otlp.WireReader.TYPE_BITS;

import dev.loupe.ingest.BadPayloadException;
import dev.loupe.model.Bounds;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;

/**
 * Decodes an OTLP/protobuf {@code ExportTraceServiceRequest}. Ids become lowercase hex; a span with
 * unusable ids, or with attribute values nested deeper than {@link Bounds#MAX_DEPTH}, is rejected
 * while the rest of the request is kept. Attribute values with no value set are skipped.
 * Thread-safe.
 *
 * <p>The wire format is read as it streams by ({@link WireReader}, {@link SpanReader}, {@link
 * AnyValueReader}), straight into {@link SpanRecord}s: protobuf's generated message tree (a {@code
 * KeyValue} and an {@code AnyValue} object per attribute, their lists) would be built only to be
 * converted and dropped. What is accepted, what is refused and what each span reads as are those of
 * the generated parser followed by a conversion, as before: unknown fields are skipped, fields come
 * in any order, a scalar given twice takes its last value and a message given twice is merged;
 * every string must be UTF-8 (any string of the body, read or not), and a truncated body, or one
 * nested deeper than {@link #RECURSION_LIMIT}, is refused whole.
 *
 * <p>A resource or scope may follow the spans it applies to, so {@code ResourceSpans} and {@code
 * ScopeSpans} are read in two passes: first their resource or scope (all its occurrences), then
 * their spans. A refused body's reason is protobuf's message for the fault, but for the nesting
 * limit, which words its own; in a body with several faults, the one named may not be the one the
 * generated parser met first.
 */
public final class ProtobufTraceDecoder {
  /**
   * Message levels the decoder reads before it refuses the body: enough for {@link
   * Bounds#MAX_DEPTH} nested key-value lists (three levels each, under the request, resource,
   * scope, span and attribute), so that those are rejected per span with a reason; protobuf's
   * default, 100, stops at about 30. The request is level 0, as for protobuf's {@code
   * setRecursionLimit}, which the decoder read with before.
   */
  static final int RECURSION_LIMIT = 8 + 3 * Bounds.MAX_DEPTH;

  private static final int RESOURCE_SPANS =
      ExportTraceServiceRequest.RESOURCE_SPANS_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int RESOURCE =
      ResourceSpans.RESOURCE_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int RESOURCE_ATTRIBUTES =
      Resource.ATTRIBUTES_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int SCOPE_SPANS =
      ResourceSpans.SCOPE_SPANS_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int SCOPE = ScopeSpans.SCOPE_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int SCOPE_NAME =
      InstrumentationScope.NAME_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int SCOPE_VERSION =
      InstrumentationScope.VERSION_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int SPANS = ScopeSpans.SPANS_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;

  public DecodedSpans decode(byte[] body) {
    return decode(body, 0, body.length);
  }

  /**
   * @throws BadPayloadException ({@code MALFORMED}) when the bytes are not an {@code
   *     ExportTraceServiceRequest}
   */
  public DecodedSpans decode(byte[] body, int offset, int length) {
    SpanCollector out = new SpanCollector(true);
    try {
      WireReader request = new WireReader(body, offset, length, 0);
      StringTable strings = StringTable.forRequest();
      SpanReader spans = new SpanReader(out, strings);
      // readTag is 0 only at the end of the body: all of it is read
      for (int tag; (tag = request.readTag()) != 0; ) {
        if (tag == RESOURCE_SPANS) {
          resourceSpans(request.message(), spans, strings);
        } else {
          request.skip(ExportTraceServiceRequest.getDescriptor(), tag);
        }
      }
    } catch (IOException e) { // an InvalidProtocolBufferException: nothing else reads a byte array
      throw new BadPayloadException(
          BadPayloadException.Reason.MALFORMED,
          "OTLP/protobuf body is not an ExportTraceServiceRequest: " + e.getMessage(),
          e);
    }
    return out.result();
  }

  /** A {@code ResourceSpans}: its resource (every occurrence, merged), then its spans. */
  private static void resourceSpans(WireReader w, SpanReader spans, StringTable strings)
      throws IOException {
    WireReader second = w.again();
    KeyValues resource = new KeyValues();
    AnyValueReader values = new AnyValueReader(strings);
    for (int tag; (tag = w.readTag()) != 0; ) {
      if (tag == RESOURCE) {
        int oldLimit = w.enter();
        for (int t; (t = w.readTag()) != 0; ) {
          if (t == RESOURCE_ATTRIBUTES) {
            resource.read(w, values);
          } else {
            w.skip(Resource.getDescriptor(), t);
          }
        }
        w.exit(oldLimit);
      } else if (tag == SCOPE_SPANS) {
        w.skipUnknown(tag); // read in the second pass
      } else {
        w.skip(ResourceSpans.getDescriptor(), tag);
      }
    }
    String problem = resource.problem("resource.attributes");
    spans.resource(resource.map(), problem);
    for (int tag; (tag = second.readTag()) != 0; ) {
      if (tag == SCOPE_SPANS) {
        scopeSpans(second.message(), spans);
      } else {
        second.skipUnknown(tag); // checked in the first pass
      }
    }
  }

  /** A {@code ScopeSpans}: its scope (every occurrence, merged), then its spans. */
  private static void scopeSpans(WireReader w, SpanReader spans) throws IOException {
    WireReader second = w.again();
    String name = "";
    String version = "";
    for (int tag; (tag = w.readTag()) != 0; ) {
      if (tag == SCOPE) {
        int oldLimit = w.enter();
        for (int t; (t = w.readTag()) != 0; ) {
          if (t == SCOPE_NAME) {
            name = w.in.readStringRequireUtf8();
          } else if (t == SCOPE_VERSION) {
            version = w.in.readStringRequireUtf8();
          } else {
            w.skip(InstrumentationScope.getDescriptor(), t);
          }
        }
        w.exit(oldLimit);
      } else if (tag == SPANS) {
        w.skipUnknown(tag); // read in the second pass
      } else {
        w.skip(ScopeSpans.getDescriptor(), tag);
      }
    }
    spans.scope(name, version.isEmpty() ? null : version);
    for (int tag; (tag = second.readTag()) != 0; ) {
      if (tag == SPANS) {
        spans.read(second);
      } else {
        second.skipUnknown(tag); // checked in the first pass
      }
    }
  }
}
