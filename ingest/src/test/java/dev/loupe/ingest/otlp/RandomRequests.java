package dev.loupe.ingest.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import dev.loupe.model.Bounds;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.EntityRef;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Random OTLP trace requests built with the generated builders: every {@code AnyValue} kind, values
 * nested around {@link Bounds#MAX_DEPTH}, empty strings, repeated keys, unusable ids, events,
 * links, statuses, out-of-range enums and unknown fields ({@link UnknownFieldSet}, some with a
 * known field number but another wire type). Strings are sometimes "é", whose UTF-8 the tests
 * corrupt.
 */
final class RandomRequests {
  private static final String[] KEYS = {"a", "b", "k", "", "gen_ai.prompt"};
  private static final String[] STRINGS = {
    "", "x", "é", "héllo \"wörld\"\n", "\u2603", "\uD83D\uDE00 emoji", "tab\tand\u0000nul", "long "
  };

  private final SplittableRandom r;
  private final RandomUnknowns unknowns;

  RandomRequests(long seed) {
    r = new SplittableRandom(seed);
    unknowns = new RandomUnknowns(r);
  }

  boolean oneIn(int n) {
    return r.nextInt(n) == 0;
  }

  ExportTraceServiceRequest request() {
    ExportTraceServiceRequest.Builder b = ExportTraceServiceRequest.newBuilder();
    for (int i = r.nextInt(4); i > 0; i--) b.addResourceSpans(resourceSpans());
    return b.build();
  }

  /** A random message of {@code type}, for the types a scrambled body repeats; else null. */
  @Nullable Message random(Descriptor type) {
    if (type == AnyValue.getDescriptor()) return anyValue(1 + r.nextInt(3));
    if (type == KeyValue.getDescriptor()) return keyValue(1 + r.nextInt(3));
    if (type == Span.getDescriptor()) return span();
    if (type == Status.getDescriptor()) return status();
    if (type == InstrumentationScope.getDescriptor()) return scope();
    if (type == Resource.getDescriptor()) return resource();
    if (type == Span.Event.getDescriptor()) return event();
    return null;
  }

  private ResourceSpans resourceSpans() {
    ResourceSpans.Builder b = ResourceSpans.newBuilder();
    if (!oneIn(5)) b.setResource(resource());
    for (int i = r.nextInt(4); i > 0; i--) {
      ScopeSpans.Builder s = ScopeSpans.newBuilder();
      if (!oneIn(5)) s.setScope(scope());
      for (int j = r.nextInt(5); j > 0; j--) s.addSpans(span());
      if (oneIn(5)) s.setSchemaUrl(string());
      b.addScopeSpans(s.setUnknownFields(unknowns(ScopeSpans.getDescriptor())));
    }
    if (oneIn(5)) b.setSchemaUrl(string());
    return b.setUnknownFields(unknowns(ResourceSpans.getDescriptor())).build();
  }

  private Resource resource() {
    Resource.Builder b = Resource.newBuilder();
    for (int i = r.nextInt(4); i > 0; i--) b.addAttributes(keyValue(1));
    if (oneIn(6)) {
      b.addEntityRefs(
          EntityRef.newBuilder().setType(string()).addIdKeys(string()).setSchemaUrl(string()));
    }
    if (oneIn(5)) b.setDroppedAttributesCount(r.nextInt(5));
    return b.build();
  }

  private InstrumentationScope scope() {
    InstrumentationScope.Builder b =
        InstrumentationScope.newBuilder().setName(string()).setVersion(string());
    if (oneIn(4)) b.addAttributes(keyValue(1));
    return b.setUnknownFields(unknowns(InstrumentationScope.getDescriptor())).build();
  }

  private Span span() {
    Span.Builder b =
        Span.newBuilder()
            .setTraceId(id(16))
            .setSpanId(id(8))
            .setParentSpanId(oneIn(3) ? ByteString.EMPTY : id(8))
            .setName(string())
            .setKindValue(oneIn(10) ? r.nextInt() : r.nextInt(6))
            .setStartTimeUnixNano(r.nextLong())
            .setEndTimeUnixNano(r.nextLong());
    for (int i = r.nextInt(7); i > 0; i--) b.addAttributes(keyValue(1));
    for (int i = r.nextInt(3); i > 0; i--) b.addEvents(event());
    if (oneIn(4)) {
      Span.Link.Builder link = Span.Link.newBuilder().setTraceId(id(16)).setSpanId(id(8));
      link.setTraceState(string()).setFlags(r.nextInt()).addAttributes(keyValue(1));
      b.addLinks(link);
    }
    if (oneIn(2)) b.setStatus(status());
    if (oneIn(5)) b.setTraceState(string());
    if (oneIn(3)) b.setFlags(r.nextInt());
    if (oneIn(6)) b.setDroppedAttributesCount(r.nextInt(9)).setDroppedEventsCount(1);
    return b.setUnknownFields(unknowns(Span.getDescriptor())).build();
  }

  private Span.Event event() {
    Span.Event.Builder b = Span.Event.newBuilder().setName(string()).setTimeUnixNano(r.nextLong());
    for (int i = r.nextInt(4); i > 0; i--) b.addAttributes(keyValue(1));
    return b.setUnknownFields(unknowns(Span.Event.getDescriptor())).build();
  }

  private Status status() {
    return Status.newBuilder().setCodeValue(r.nextInt(4)).setMessage(string()).build();
  }

  /** Usually a usable id of {@code size} bytes; sometimes empty, all zeros or of another size. */
  private ByteString id(int size) {
    byte[] b =
        switch (r.nextInt(16)) {
          case 0 -> new byte[0];
          case 1 -> new byte[size]; // all zeros
          case 2 -> bytes(1 + r.nextInt(20));
          default -> bytes(size);
        };
    return ByteString.copyFrom(b);
  }

  private byte[] bytes(int size) {
    byte[] b = new byte[size];
    r.nextBytes(b);
    return b;
  }

  /** A key-value whose value nests {@code depth} deep; keys repeat often, a value may be unset. */
  KeyValue keyValue(int depth) {
    KeyValue.Builder b = KeyValue.newBuilder().setKey(oneIn(2) ? KEYS[r.nextInt(5)] : string());
    if (!oneIn(10)) b.setValue(anyValue(depth));
    return b.setUnknownFields(unknowns(KeyValue.getDescriptor())).build();
  }

  /** A value {@code depth} deep; rarely a chain of arrays and kvlists around the depth limit. */
  AnyValue anyValue(int depth) {
    if (depth <= 3 && oneIn(40)) {
      return TestRequests.chain(
          Bounds.MAX_DEPTH - depth + r.nextInt(4), r.nextInt(3), TestRequests.string(string()));
    }
    AnyValue.Builder b = AnyValue.newBuilder();
    switch (r.nextInt(depth < 4 ? 11 : 9)) {
      case 0, 1 -> b.setStringValue(string());
      case 2 -> b.setBoolValue(r.nextBoolean());
      case 3 -> b.setIntValue(oneIn(3) ? r.nextLong() : r.nextInt(100) - 50);
      case 4 -> b.setDoubleValue(aDouble());
      case 5 -> b.setBytesValue(ByteString.copyFrom(bytes(r.nextInt(9))));
      case 6 -> b.setStringValueStrindex(r.nextInt(10));
      case 7, 8 -> {} // no value
      case 9 -> {
        ArrayValue.Builder array = ArrayValue.newBuilder();
        for (int i = r.nextInt(4); i > 0; i--) array.addValues(anyValue(depth + 1));
        b.setArrayValue(array);
      }
      default -> {
        KeyValueList.Builder kvlist = KeyValueList.newBuilder();
        for (int i = r.nextInt(4); i > 0; i--) kvlist.addValues(keyValue(depth + 1));
        b.setKvlistValue(kvlist);
      }
    }
    if (oneIn(10)) b.setUnknownFields(unknowns(AnyValue.getDescriptor()));
    return b.build();
  }

  String string() {
    return oneIn(3) ? "s" + r.nextInt(1000) : STRINGS[r.nextInt(STRINGS.length)];
  }

  private double aDouble() {
    double[] special = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.MIN_VALUE};
    return oneIn(3) ? special[r.nextInt(special.length)] : r.nextDouble() * 1e6 - 5e5;
  }

  /** Usually none; else unknown fields for a message of {@code type} ({@link RandomUnknowns}). */
  UnknownFieldSet unknowns(Descriptor type) {
    return unknowns.of(type);
  }
}
