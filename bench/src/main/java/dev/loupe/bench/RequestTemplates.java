package dev.loupe.bench;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Export requests of agent traces for the load generator, cheap enough not to take the server's
 * cores: {@link AgentTraceGenerator} encodes a few different requests once, and each request sent
 * is a copy of one of them with every trace id and span id replaced by fresh random ones (parents
 * follow their spans) and every timestamp moved to now. The server sees new traces each time,
 * encoded as the generator encodes them; building one with protobuf for every request cost the
 * bench ~2 us of CPU per span.
 */
final class RequestTemplates {
  private static final int TEMPLATES = 8;
  private static final HexFormat HEX = HexFormat.of();
  // ids are big-endian bytes on the wire, fixed64 times little-endian
  private static final VarHandle BIG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LITTLE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final List<Template> templates = new ArrayList<>();
  private final SplittableRandom random;
  private int next;

  /** Templates of {@code spans} spans (whole traces) each, from {@code seed}. */
  RequestTemplates(long seed, int spans) {
    AgentTraceGenerator gen = new AgentTraceGenerator(seed);
    long now = System.currentTimeMillis() * 1_000_000L;
    for (int i = 0; i < TEMPLATES; i++) {
      byte[] body = gen.request(spans, now, new ArrayList<>());
      templates.add(Template.of(body, now));
    }
    this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  /** A new request: fresh ids, timestamps as if built at {@code nowNanos}. */
  synchronized Batch next(long nowNanos) {
    Template t = templates.get(next++ % templates.size());
    byte[] body = t.body.clone();
    long shift = nowNanos - t.builtAt;
    Map<Long, Long> spanIds = HashMap.newHashMap(t.spans.size());
    for (SpanAt s : t.spans) spanIds.put((long) BIG.get(t.body, s.spanId), randomId());
    Map<TraceKey, TraceKey> traceIds = new HashMap<>();
    List<String> ids = new ArrayList<>();
    for (SpanAt s : t.spans) {
      TraceKey old = TraceKey.at(t.body, s.traceId);
      TraceKey id =
          traceIds.computeIfAbsent(
              old,
              k -> {
                TraceKey fresh = new TraceKey(randomId(), randomId());
                ids.add(HEX.toHexDigits(fresh.high) + HEX.toHexDigits(fresh.low));
                return fresh;
              });
      BIG.set(body, s.traceId, id.high);
      BIG.set(body, s.traceId + 8, id.low);
      BIG.set(body, s.spanId, spanIds.get((long) BIG.get(t.body, s.spanId)));
      if (s.parentId >= 0) {
        Long parent = spanIds.get((long) BIG.get(t.body, s.parentId));
        if (parent != null) BIG.set(body, s.parentId, (long) parent);
      }
      LITTLE.set(body, s.start, (long) LITTLE.get(t.body, s.start) + shift);
      LITTLE.set(body, s.end, (long) LITTLE.get(t.body, s.end) + shift);
    }
    return new Batch(body, ids);
  }

  /** A random id whose first byte is not 0 (an all-zero id is invalid in OTLP). */
  private long randomId() {
    long v = random.nextLong();
    return (v & 0xFF00_0000_0000_0000L) == 0 ? v | 0x0100_0000_0000_0000L : v;
  }

  private record TraceKey(long high, long low) {
    static TraceKey at(byte[] body, int at) {
      return new TraceKey((long) BIG.get(body, at), (long) BIG.get(body, at + 8));
    }
  }

  /** Where one span's ids and times are in the body (-1: absent). */
  private record SpanAt(int traceId, int spanId, int parentId, int start, int end) {}

  private record Template(byte[] body, long builtAt, List<SpanAt> spans) {
    static Template of(byte[] body, long builtAt) {
      List<SpanAt> spans = new ArrayList<>();
      try {
        CodedInputStream in = CodedInputStream.newInstance(body);
        forEach(
            in,
            ExportTraceServiceRequest.RESOURCE_SPANS_FIELD_NUMBER,
            () ->
                forEach(
                    in,
                    ResourceSpans.SCOPE_SPANS_FIELD_NUMBER,
                    () -> forEach(in, ScopeSpans.SPANS_FIELD_NUMBER, () -> spans.add(span(in)))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Template(body, builtAt, spans);
    }

    /** Reads the message's fields, entering each length-delimited {@code field} with {@code in}. */
    private static void forEach(CodedInputStream in, int field, IoRunnable inside)
        throws IOException {
      for (int tag; (tag = in.readTag()) != 0; ) {
        if (WireFormat.getTagFieldNumber(tag) != field) {
          in.skipField(tag);
          continue;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        inside.run();
        in.popLimit(limit);
      }
    }

    private static SpanAt span(CodedInputStream in) throws IOException {
      int trace = -1, span = -1, parent = -1, start = -1, end = -1;
      for (int tag; (tag = in.readTag()) != 0; ) {
        int field = WireFormat.getTagFieldNumber(tag);
        if (field == Span.TRACE_ID_FIELD_NUMBER) trace = bytesAt(in, 16);
        else if (field == Span.SPAN_ID_FIELD_NUMBER) span = bytesAt(in, 8);
        else if (field == Span.PARENT_SPAN_ID_FIELD_NUMBER) parent = bytesAt(in, 8);
        else if (field == Span.START_TIME_UNIX_NANO_FIELD_NUMBER) start = fixed64At(in);
        else if (field == Span.END_TIME_UNIX_NANO_FIELD_NUMBER) end = fixed64At(in);
        else in.skipField(tag);
      }
      if (trace < 0 || span < 0 || start < 0 || end < 0)
        throw new IllegalStateException("a generated span lacks ids or times");
      return new SpanAt(trace, span, parent, start, end);
    }

    private static int bytesAt(CodedInputStream in, int length) throws IOException {
      int n = in.readRawVarint32();
      if (n != length) throw new IllegalStateException("an id of " + n + " bytes");
      int at = in.getTotalBytesRead();
      in.skipRawBytes(n);
      return at;
    }

    private static int fixed64At(CodedInputStream in) throws IOException {
      int at = in.getTotalBytesRead();
      in.readFixed64();
      return at;
    }
  }

  private interface IoRunnable {
    void run() throws IOException;
  }
}
