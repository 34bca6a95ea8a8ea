package dev.loupe.server.fuzz;

import static dev.loupe.server.fuzz.Valid.pick;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.server.fuzz.FuzzCase.Expect;
import dev.loupe.server.fuzz.FuzzCase.GoodTrace;
import dev.loupe.server.process.ServerProcess;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Makes the cases of one lane from its own seeded random source: case {@code n} of a lane depends
 * only on the run's seed. Body lanes send well-formed bodies that mix good items with bad ones
 * (made here) and bodies broken as a whole ({@link BrokenCases}); the framing lane sends bodies
 * with broken framing ({@link Framing}) and gzip bombs.
 */
final class Generator {
  private final String lane;
  private final Random r;
  private final boolean framingLane;
  private final BrokenCases broken;
  private int next;

  Generator(long seed, int lane, boolean framingLane, Bombs bombs) {
    this.lane = "L" + lane;
    this.r = new Random(seed * 1_000_003L + lane);
    this.framingLane = framingLane;
    this.broken = new BrokenCases(r, this, bombs);
  }

  String lastId() {
    return lane + "#" + (next - 1);
  }

  FuzzCase next() {
    String id = lane + "#" + next++;
    return framingLane ? framingCase(id) : bodyCase(id);
  }

  private FuzzCase bodyCase(String id) {
    int roll = r.nextInt(100);
    if (roll < 22) return otlpJsonItems(id, Framing.CONTENT_LENGTH);
    if (roll < 40) return otlpProtoItems(id, Framing.CONTENT_LENGTH);
    if (roll < 64) return langfuseItems(id, Framing.CONTENT_LENGTH);
    if (roll < 74) return broken.otlpProtoBroken(id);
    if (roll < 82) return broken.jsonBroken(id, r.nextBoolean());
    if (roll < 92) return broken.wrongHeaders(id);
    if (roll < 96) return broken.gzipBroken(id);
    return bigValid(id);
  }

  private FuzzCase framingCase(String id) {
    if (r.nextInt(8) == 0) return broken.bomb(id);
    Framing framing = pick(r, List.of(Framing.values()));
    FuzzCase base =
        switch (r.nextInt(3)) {
          case 0 -> otlpJsonItems(id, framing);
          case 1 -> otlpProtoItems(id, framing);
          default -> langfuseItems(id, framing);
        };
    if (framing.wellFormed) return base;
    return new FuzzCase(
        id,
        base.kind(),
        base.path(),
        base.headers(),
        base.body(),
        framing,
        Expect.NO_5XX,
        List.of());
  }

  // ---- well-formed bodies: good items beside bad ones ----

  FuzzCase otlpJsonItems(String id, Framing framing) {
    RawJson raw = new RawJson();
    String traceId = Valid.hex(r, 16);
    List<ObjectNode> spans = new ArrayList<>();
    List<String> good = goodSpans(traceId, spans, OtlpJsonBodies::span);
    List<String> done = new ArrayList<>();
    for (int i = 0, bad = 1 + r.nextInt(2); i < bad; i++) {
      ObjectNode span = OtlpJsonBodies.span(badSpan(traceId));
      done.add(OtlpJsonBodies.mutate(r, span, raw, true));
      spans.add(r.nextInt(spans.size() + 1), span);
    }
    byte[] body = raw.render(OtlpJsonBodies.request(spans));
    return otlp(
        id,
        "otlp-json item " + String.join("; ", done),
        body,
        "application/json",
        framing,
        traceId,
        good);
  }

  FuzzCase otlpProtoItems(String id, Framing framing) {
    String traceId = Valid.hex(r, 16);
    List<Span.Builder> builders = new ArrayList<>();
    List<String> good = goodSpans(traceId, builders, OtlpProtoBodies::span);
    List<String> done = new ArrayList<>();
    for (int i = 0, bad = 1 + r.nextInt(2); i < bad; i++) {
      Span.Builder span = OtlpProtoBodies.span(badSpan(traceId));
      done.add(OtlpProtoBodies.mutate(r, span));
      builders.add(r.nextInt(builders.size() + 1), span);
    }
    byte[] body = OtlpProtoBodies.request(builders.stream().map(Span.Builder::build).toList());
    return otlp(
        id,
        "otlp-proto item " + String.join("; ", done),
        body,
        "application/x-protobuf",
        framing,
        traceId,
        good);
  }

  <T> List<String> goodSpans(
      String traceId, List<T> out, java.util.function.Function<Valid.Span, T> render) {
    List<String> ids = new ArrayList<>();
    String parent = "";
    for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
      Valid.Span s = Valid.span(r, traceId, parent);
      if (parent.isEmpty()) parent = s.spanId();
      ids.add(s.spanId());
      out.add(render.apply(s));
    }
    return ids;
  }

  /** A fresh span to spoil: in the good spans' trace half of the time. */
  private Valid.Span badSpan(String goodTraceId) {
    return Valid.span(r, r.nextBoolean() ? goodTraceId : Valid.hex(r, 16), "");
  }

  private FuzzCase otlp(
      String id,
      String kind,
      byte[] body,
      String contentType,
      Framing framing,
      String traceId,
      List<String> good) {
    Map<String, String> headers = headers(contentType);
    if (r.nextInt(5) == 0) {
      body = gzip(body);
      headers.put("Content-Encoding", "gzip");
      kind = kind + " (gzip)";
    }
    return new FuzzCase(
        id,
        kind,
        FuzzCase.OTLP_PATH,
        headers,
        body,
        framing,
        Expect.KEEPS_GOOD,
        List.of(new GoodTrace(traceId, good)));
  }

  FuzzCase langfuseItems(String id, Framing framing) {
    RawJson raw = new RawJson();
    String traceId = Valid.hex(r, 16);
    List<JsonNode> events = new ArrayList<>();
    events.add(LangfuseBodies.traceCreate(r, traceId));
    List<String> good = new ArrayList<>();
    for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
      ObjectNode e = LangfuseBodies.observationCreate(r, traceId);
      good.add(e.get("body").get("id").asText());
      events.add(e);
    }
    ObjectNode root = LangfuseBodies.batch(events);
    ArrayNode batch = (ArrayNode) root.get("batch");
    List<String> done = new ArrayList<>();
    for (int i = 0, bad = 1 + r.nextInt(2); i < bad; i++) {
      String badTrace = r.nextBoolean() ? traceId : Valid.hex(r, 16);
      ObjectNode e =
          r.nextInt(5) == 0
              ? LangfuseBodies.traceCreate(r, Valid.hex(r, 16))
              : LangfuseBodies.observationCreate(r, badTrace);
      int at = r.nextInt(batch.size() + 1);
      batch.insert(at, e);
      done.add(e.get("type").asText() + " " + LangfuseBodies.mutate(r, batch, at, raw));
    }
    byte[] body = raw.render(root);
    Map<String, String> headers = headers("application/json");
    String kind = "langfuse event " + String.join("; ", done);
    if (r.nextInt(6) == 0) {
      body = gzip(body);
      headers.put("Content-Encoding", "gzip");
      kind += " (gzip)";
    }
    return new FuzzCase(
        id,
        kind,
        FuzzCase.INGESTION_PATH,
        headers,
        body,
        framing,
        Expect.KEEPS_GOOD,
        List.of(new GoodTrace(traceId, good)));
  }

  /** A valid body of a few hundred items, gzip half of the time. */
  private FuzzCase bigValid(String id) {
    String traceId = Valid.hex(r, 16);
    List<Span.Builder> builders = new ArrayList<>();
    List<String> good = new ArrayList<>();
    for (int i = 0, n = 50 + r.nextInt(100); i < n; i++) {
      Valid.Span s = Valid.span(r, traceId, "");
      good.add(s.spanId());
      builders.add(OtlpProtoBodies.span(s));
    }
    byte[] body = OtlpProtoBodies.request(builders.stream().map(Span.Builder::build).toList());
    return otlp(
        id,
        "otlp-proto valid, " + good.size() + " spans",
        body,
        "application/x-protobuf",
        Framing.CONTENT_LENGTH,
        traceId,
        good);
  }

  byte[] otlpJsonValid() {
    String traceId = Valid.hex(r, 16);
    List<ObjectNode> spans = new ArrayList<>();
    goodSpans(traceId, spans, OtlpJsonBodies::span);
    return new RawJson().render(OtlpJsonBodies.request(spans));
  }

  byte[] langfuseValid() {
    String traceId = Valid.hex(r, 16);
    return new RawJson()
        .render(
            LangfuseBodies.batch(
                List.of(
                    LangfuseBodies.traceCreate(r, traceId),
                    LangfuseBodies.observationCreate(r, traceId))));
  }

  static Map<String, String> headers(String contentType) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Authorization", ServerProcess.BASIC);
    h.put("Content-Type", contentType);
    return h;
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
