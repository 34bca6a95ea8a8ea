package dev.loupe.ingest.otlp;

import static dev.loupe.ingest.otlp.JsonScalars.expectArray;
import static dev.loupe.ingest.otlp.JsonScalars.expectObject;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.ingest.BadPayloadException;
import dev.loupe.ingest.otlp.SpanRecord.SpanEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Reads one OTLP/JSON {@code Span} object (lowerCamel or snake_case field names; unknown fields
 * skipped).
 */
final class JsonSpanReader {
  static final List<String> SPAN_KINDS =
      List.of(
          "SPAN_KIND_UNSPECIFIED",
          "SPAN_KIND_INTERNAL",
          "SPAN_KIND_SERVER",
          "SPAN_KIND_CLIENT",
          "SPAN_KIND_PRODUCER",
          "SPAN_KIND_CONSUMER");
  static final List<String> STATUS_CODES =
      List.of("STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR");

  private JsonSpanReader() {}

  /**
   * The span object at the current token. A field of the wrong shape (a number where a string
   * belongs, a date where nanoseconds belong, ...) makes the span rejected with that field named:
   * the reader skips the rest of the field's value and keeps reading the span, so the request's
   * other spans are kept. An element of {@code spans} that is not an object is rejected the same
   * way.
   */
  static SpanFields span(JsonParser p, int index) throws IOException {
    SpanFields span = new SpanFields(index);
    if (p.currentToken() != JsonToken.START_OBJECT) {
      span.problem = JsonScalars.wrongType(p, "spans element", "an object").getMessage();
      p.skipChildren();
      return span;
    }
    JsonStreamContext spanObject = p.getParsingContext();
    JsonAttributes attributes = new JsonAttributes();
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (p.nextToken() == JsonToken.VALUE_NULL) continue;
      try {
        field(p, name, span, attributes);
      } catch (BadPayloadException e) {
        if (span.problem == null) span.problem = e.getMessage();
        JsonScalars.skipBackTo(p, spanObject);
      }
    }
    if (span.problem == null) span.problem = attributes.tooDeep();
    return span;
  }

  private static void field(JsonParser p, String name, SpanFields span, JsonAttributes attributes)
      throws IOException {
    switch (name) {
      case "traceId", "trace_id" -> span.traceId = JsonScalars.string(p, name);
      case "spanId", "span_id" -> span.spanId = JsonScalars.string(p, name);
      case "parentSpanId", "parent_span_id" -> span.parentSpanId = JsonScalars.string(p, name);
      case "name" -> span.name = JsonScalars.string(p, name);
      case "kind" -> span.kind = JsonScalars.enumNumber(p, name, SPAN_KINDS);
      case "startTimeUnixNano", "start_time_unix_nano" ->
          span.startNanos = JsonScalars.uint64(p, name);
      case "endTimeUnixNano", "end_time_unix_nano" -> span.endNanos = JsonScalars.uint64(p, name);
      case "attributes" -> span.attributes = attributes.keyValues(p, name);
      case "events" -> span.events = events(p, name, attributes);
      case "status" -> status(p, span);
      default -> p.skipChildren();
    }
  }

  private static void status(JsonParser p, SpanFields span) throws IOException {
    expectObject(p, "status");
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (p.nextToken() == JsonToken.VALUE_NULL) continue;
      switch (name) {
        case "code" -> span.statusCode = JsonScalars.enumNumber(p, "status.code", STATUS_CODES);
        case "message" -> span.statusMessage = JsonScalars.string(p, "status.message");
        default -> p.skipChildren();
      }
    }
  }

  private static List<SpanEvent> events(JsonParser p, String field, JsonAttributes attributes)
      throws IOException {
    expectArray(p, field);
    if (p.nextToken() == JsonToken.END_ARRAY) return List.of();
    List<SpanEvent> out = new ArrayList<>();
    do {
      out.add(event(p, attributes));
    } while (p.nextToken() != JsonToken.END_ARRAY);
    return Collections.unmodifiableList(out);
  }

  private static SpanEvent event(JsonParser p, JsonAttributes attributes) throws IOException {
    expectObject(p, "events element");
    String eventName = "";
    long nanos = 0;
    Map<String, Object> eventAttributes = Map.of();
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (p.nextToken() == JsonToken.VALUE_NULL) continue;
      switch (name) {
        case "name" -> eventName = JsonScalars.string(p, "event name");
        case "timeUnixNano", "time_unix_nano" -> nanos = JsonScalars.uint64(p, name);
        case "attributes" -> eventAttributes = attributes.keyValues(p, "event attributes");
        default -> p.skipChildren();
      }
    }
    return new SpanEvent(eventName, nanos, eventAttributes);
  }
}
