package dev.loupe.ingest.convention;

import dev.loupe.ingest.otlp.SpanRecord;
import dev.loupe.ingest.otlp.SpanRecord.SpanEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds SpanRecords the way the OTLP decoders hand them over, for rule tests. */
final class Spans {
  static final String TRACE_ID = "396c755178e02d53e01e4b43d953b483";
  static final String ROOT_ID = "79e90d93e8360154";
  static final long START = 1_795_474_788_417_000_000L;
  static final long END = 1_795_474_788_458_019_527L;

  private String traceId = TRACE_ID;
  private String spanId = "fc93eaa56811d11e";
  private String parentSpanId = ROOT_ID;
  private final String name;
  private int kind = 1;
  private long start = START;
  private long end = END;
  private final Map<String, Object> attributes = new LinkedHashMap<>();
  private final List<SpanEvent> events = new ArrayList<>();
  private int statusCode;
  private String statusMessage;
  private final Map<String, Object> resource = new LinkedHashMap<>();
  private String scopeName = "test-scope";
  private String scopeVersion;

  private Spans(String name) {
    this.name = name;
  }

  /** A child span (parent {@link #ROOT_ID}) named {@code name} in scope {@code test-scope}. */
  static Spans span(String name) {
    return new Spans(name);
  }

  /** A span of the Langfuse JS SDK (scope langfuse-sdk 5.11.1, Node resource). */
  static Spans langfuse(String name) {
    return new Spans(name)
        .scope("langfuse-sdk", "5.11.1")
        .resource("service.name", "unknown_service:/usr/bin/node")
        .resource("telemetry.sdk.language", "nodejs")
        .resource("telemetry.sdk.name", "opentelemetry")
        .resource("telemetry.sdk.version", "2.12.0");
  }

  Spans attr(String key, Object value) {
    attributes.put(key, value);
    return this;
  }

  Spans resource(String key, Object value) {
    resource.put(key, value);
    return this;
  }

  Spans scope(String name, String version) {
    scopeName = name;
    scopeVersion = version;
    return this;
  }

  Spans ids(String spanId, String parentSpanId) {
    this.spanId = spanId;
    this.parentSpanId = parentSpanId;
    return this;
  }

  /** OTLP span kind: 1 internal (the default), 2 server, 3 client. */
  Spans kind(int kind) {
    this.kind = kind;
    return this;
  }

  Spans root() {
    parentSpanId = null;
    return this;
  }

  Spans times(long start, long end) {
    this.start = start;
    this.end = end;
    return this;
  }

  Spans status(int code, String message) {
    statusCode = code;
    statusMessage = message;
    return this;
  }

  Spans event(String name, Object... keyValues) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2)
      attrs.put((String) keyValues[i], keyValues[i + 1]);
    events.add(new SpanEvent(name, start, attrs));
    return this;
  }

  SpanRecord build() {
    return new SpanRecord(
        traceId,
        spanId,
        parentSpanId,
        name,
        kind,
        start,
        end,
        attributes,
        events,
        statusCode,
        statusMessage,
        resource,
        scopeName,
        scopeVersion);
  }

  SpanView view() {
    return new SpanView(build());
  }

  NormalizedSpan normalize() {
    return new SpanNormalizer().normalize("proj-1", build());
  }
}
