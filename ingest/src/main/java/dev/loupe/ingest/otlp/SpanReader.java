package dev.loupe.ingest.otlp;

import static dev.loupe.ingest.otlp.WireReader.FIXED64;
import static dev.loupe.ingest.otlp.WireReader.LENGTH_DELIMITED;
import static dev.loupe.ingest.otlp.WireReader.TYPE_BITS;
import static dev.loupe.ingest.otlp.WireReader.VARINT;

import com.google.protobuf.CodedInputStream;
import dev.loupe.ingest.otlp.SpanRecord.SpanEvent;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads OTLP {@code Span} messages from the wire and hands each to a {@link SpanCollector}, as a
 * {@link SpanRecord} or a rejection, numbered in wire order. A span's fields may come in any order
 * and a field given twice takes its last value, its {@code status} given twice is merged field by
 * field, as protobuf's generated parser does; so the span is judged once all of it has been read.
 * Its rejection reason is the first of, in this order: an unusable trace, span or parent span id
 * (see {@link SpanIds}), attributes nested too deep, event attributes nested too deep. One reader
 * per request: it is not thread-safe.
 */
final class SpanReader {
  private static final int TRACE_ID = Span.TRACE_ID_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int SPAN_ID = Span.SPAN_ID_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int PARENT_SPAN_ID =
      Span.PARENT_SPAN_ID_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int NAME = Span.NAME_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int KIND = Span.KIND_FIELD_NUMBER << TYPE_BITS | VARINT;
  private static final int START = Span.START_TIME_UNIX_NANO_FIELD_NUMBER << TYPE_BITS | FIXED64;
  private static final int END = Span.END_TIME_UNIX_NANO_FIELD_NUMBER << TYPE_BITS | FIXED64;
  private static final int ATTRIBUTES =
      Span.ATTRIBUTES_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int EVENTS = Span.EVENTS_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int STATUS = Span.STATUS_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int EVENT_TIME =
      Span.Event.TIME_UNIX_NANO_FIELD_NUMBER << TYPE_BITS | FIXED64;
  private static final int EVENT_NAME =
      Span.Event.NAME_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int EVENT_ATTRIBUTES =
      Span.Event.ATTRIBUTES_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int STATUS_MESSAGE =
      Status.MESSAGE_FIELD_NUMBER << TYPE_BITS | LENGTH_DELIMITED;
  private static final int STATUS_CODE = Status.CODE_FIELD_NUMBER << TYPE_BITS | VARINT;

  private final SpanCollector out;
  private final StringTable strings;
  private final AnyValueReader values;

  // what the spans read next belong to
  private Map<String, Object> resource = Map.of();
  private @Nullable String resourceProblem;
  private String scopeName = "";
  private @Nullable String scopeVersion;

  // the span being read; the ids as hex, "" when absent
  private String traceId = "";
  private String spanId = "";
  private String parentSpanId = "";
  private String name = "";
  private int kind;
  private long start;
  private long end;
  private KeyValues attributes = new KeyValues();
  private @Nullable List<SpanEvent> events;
  private @Nullable String eventsProblem;
  private int statusCode;
  private String statusMessage = "";

  SpanReader(SpanCollector out, StringTable strings) {
    this.out = out;
    this.strings = strings;
    this.values = new AnyValueReader(strings);
  }

  /** The resource of the spans read next: its attributes, or why none of its spans can be taken. */
  void resource(Map<String, Object> attributes, @Nullable String problem) {
    resource = attributes;
    resourceProblem = problem;
  }

  /** The instrumentation scope of the spans read next. */
  void scope(String name, @Nullable String version) {
    scopeName = name;
    scopeVersion = version;
  }

  /** Reads the {@code Span} message that follows the tag just read. */
  void read(WireReader w) throws IOException {
    traceId = spanId = parentSpanId = name = statusMessage = "";
    kind = statusCode = 0;
    start = end = 0;
    attributes = new KeyValues();
    events = null;
    eventsProblem = null;
    CodedInputStream in = w.in;
    int oldLimit = w.enter();
    for (int tag; (tag = w.readTag()) != 0; ) {
      switch (tag) {
        case TRACE_ID -> traceId = w.hex();
        case SPAN_ID -> spanId = w.hex();
        case PARENT_SPAN_ID -> parentSpanId = w.hex();
        case NAME -> name = w.string(strings);
        case KIND -> kind = in.readEnum();
        case START -> start = in.readFixed64();
        case END -> end = in.readFixed64();
        case ATTRIBUTES -> attributes.read(w, values);
        case EVENTS -> event(w);
        case STATUS -> status(w);
        default -> w.skip(Span.getDescriptor(), tag);
      }
    }
    w.exit(oldLimit);
    emit();
  }

  private void event(WireReader w) throws IOException {
    long time = 0;
    String eventName = "";
    KeyValues eventAttributes = new KeyValues();
    int oldLimit = w.enter();
    for (int tag; (tag = w.readTag()) != 0; ) {
      switch (tag) {
        case EVENT_TIME -> time = w.in.readFixed64();
        case EVENT_NAME -> eventName = w.string(strings);
        case EVENT_ATTRIBUTES -> eventAttributes.read(w, values);
        default -> w.skip(Span.Event.getDescriptor(), tag);
      }
    }
    w.exit(oldLimit);
    if (eventsProblem == null) eventsProblem = eventAttributes.problem("event attributes");
    if (events == null) events = new ArrayList<>();
    events.add(new SpanEvent(eventName, time, eventAttributes.map()));
  }

  /** One occurrence of the status: its fields replace those read before. */
  private void status(WireReader w) throws IOException {
    int oldLimit = w.enter();
    for (int tag; (tag = w.readTag()) != 0; ) {
      switch (tag) {
        case STATUS_MESSAGE -> statusMessage = w.in.readStringRequireUtf8();
        case STATUS_CODE -> statusCode = w.in.readEnum();
        default -> w.skip(Status.getDescriptor(), tag);
      }
    }
    w.exit(oldLimit);
  }

  private void emit() {
    int index = out.nextIndex();
    if (resourceProblem != null) {
      out.reject(index, name, spanId, resourceProblem);
      return;
    }
    try {
      String trace = SpanIds.traceId(traceId);
      String span = SpanIds.spanId(spanId);
      String parent = SpanIds.parentSpanId(parentSpanId);
      String problem = attributes.problem("attributes");
      if (problem == null) problem = eventsProblem;
      if (problem != null) {
        out.reject(index, name, spanId, problem);
        return;
      }
      out.accept(
          new SpanRecord(
              trace,
              span,
              parent,
              name,
              kind,
              start,
              end,
              attributes.map(),
              events == null ? List.of() : Collections.unmodifiableList(events),
              statusCode,
              statusMessage.isEmpty() ? null : statusMessage,
              resource,
              scopeName,
              scopeVersion));
    } catch (InvalidSpanException e) {
      out.reject(index, name, spanId, e.getMessage());
    }
  }
}
