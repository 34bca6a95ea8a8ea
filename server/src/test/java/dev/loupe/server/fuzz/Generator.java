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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Makes the cases of one lane from its own seeded random source: case {@code n} of a lane depends
 * only on the run's seed. Body lanes mix good items with bad ones in well-formed bodies, and send
 * bodies broken as a whole; the framing lane sends bodies with broken framing, wrong headers and
 * gzip bombs.
 */
final class Generator {
  private final String lane;
  private final Random r;
  private final boolean framingLane;
  private final Bombs bombs;
  private int next;

  Generator(long seed, int lane, boolean framingLane, Bombs bombs) {
    this.lane = "L" + lane;
    this.r = new Random(seed * 1_000_003L + lane);
    this.framingLane = framingLane;
    this.bombs = bombs;
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
    if (roll < 74) return otlpProtoBroken(id);
    if (roll < 82) return jsonBroken(id, r.nextBoolean());
    if (roll < 92) return wrongHeaders(id);
    if (roll < 96) return gzipBroken(id);
    return bigValid(id);
  }

  private FuzzCase framingCase(String id) {
    if (r.nextInt(8) == 0) return bomb(id);
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

  private FuzzCase otlpJsonItems(String id, Framing framing) {
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

  private FuzzCase otlpProtoItems(String id, Framing framing) {
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

  private <T> List<String> goodSpans(
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

  private FuzzCase langfuseItems(String id, Framing framing) {
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

  // ---- bodies broken as a whole ----

  private FuzzCase otlpProtoBroken(String id) {
    String traceId = Valid.hex(r, 16);
    List<Span.Builder> builders = new ArrayList<>();
    goodSpans(traceId, builders, OtlpProtoBodies::span);
    byte[] valid = OtlpProtoBodies.request(builders.stream().map(Span.Builder::build).toList());
    String kind;
    byte[] body;
    switch (r.nextInt(6)) {
      case 0, 1, 2 -> {
        ByteMutations.Mutated m =
            ByteMutations.protobuf(r, r.nextInt(4) == 0 ? Fixtures.PB : valid);
        body = m.bytes();
        kind = "otlp-proto " + m.shown();
      }
      case 3 -> {
        ByteMutations.Mutated m = ByteMutations.blind(r, valid);
        body = m.bytes();
        kind = "otlp-proto " + m.shown();
      }
      case 4 -> {
        int depth = 40 + r.nextInt(400);
        Span.Builder s =
            builders
                .get(0)
                .addAttributes(OtlpProtoBodies.keyValue("deep", OtlpProtoBodies.nested(depth)));
        body = OtlpProtoBodies.request(List.of(s.build()));
        kind = "otlp-proto attribute value nested " + depth + " levels (beyond the parser's limit)";
      }
      default -> {
        // same length as the placeholder, so every length prefix stays right
        byte[] valid8 =
            OtlpProtoBodies.request(List.of(builders.get(0).setName("@@NAME@@").build()));
        byte[] bad = {
          (byte) 0xc3, 0x28, (byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xff, (byte) 0xfe, 0x41
        };
        int at = indexOf(valid8, "@@NAME@@".getBytes(StandardCharsets.US_ASCII));
        body = ByteMutations.splice(valid8, at, at + 8, bad);
        kind = "otlp-proto span name of invalid UTF-8";
      }
    }
    return broken(id, kind, FuzzCase.OTLP_PATH, body, "application/x-protobuf");
  }

  private FuzzCase jsonBroken(String id, boolean langfuse) {
    byte[] valid;
    if (langfuse) {
      valid = langfuseValid();
    } else {
      valid = r.nextBoolean() ? Fixtures.JSON : otlpJsonValid();
    }
    String path = langfuse ? FuzzCase.INGESTION_PATH : FuzzCase.OTLP_PATH;
    String wire = langfuse ? "langfuse " : "otlp-json ";
    return switch (r.nextInt(4)) {
      case 0 -> {
        ByteMutations.Mutated m = ByteMutations.blind(r, valid);
        yield broken(id, wire + m.shown(), path, m.bytes(), "application/json");
      }
      case 1 -> {
        String envelope =
            pick(
                r,
                langfuse
                    ? List.of(
                        "[]",
                        "null",
                        "\"\"",
                        "{}",
                        "{\"batch\": null}",
                        "{\"batch\": {}}",
                        "{\"batch\": \"x\"}",
                        "{\"batch\": [1]} trailing",
                        "\uFEFF{\"batch\": []}",
                        "{\"batch\": [], \"batch\": 5}",
                        "")
                    : List.of(
                        "[]",
                        "null",
                        "{\"resourceSpans\": 5}",
                        "{\"resourceSpans\": [5]}",
                        "{\"resourceSpans\": [{\"scopeSpans\": {}}]}",
                        "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": \"x\"}]}]}",
                        "{\"resourceSpans\": [{\"scopeSpans\": [{\"spans\": [5, null]}]}]}",
                        "{} {}",
                        "\uFEFF{}",
                        ""));
        yield broken(
            id,
            wire + "envelope " + Weird.abbreviate(envelope),
            path,
            envelope.getBytes(StandardCharsets.UTF_8),
            "application/json");
      }
      case 2 -> {
        int depth = 1000 + r.nextInt(20_000);
        String deep = r.nextBoolean() ? RawJson.nestedArrays(depth) : RawJson.nestedObjects(depth);
        String text = new String(valid, StandardCharsets.UTF_8);
        int at = text.indexOf(langfuse ? "\"input\":" : "\"stringValue\":");
        byte[] body =
            at < 0
                ? deep.getBytes(StandardCharsets.UTF_8)
                : (text.substring(0, at + (langfuse ? 8 : 14))
                        + deep
                        + ",\"nested\":"
                        + text.substring(at + (langfuse ? 8 : 14)))
                    .getBytes(StandardCharsets.UTF_8);
        yield broken(id, wire + "nesting " + depth + " levels", path, body, "application/json");
      }
      default -> {
        byte[] bad =
            pick(
                r,
                List.of(
                    new byte[] {(byte) 0xc3, 0x28},
                    new byte[] {(byte) 0xff},
                    new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}));
        String text = new String(valid, StandardCharsets.UTF_8);
        int at = text.indexOf("\"name\":\"");
        byte[] body = at < 0 ? bad : ByteMutations.splice(valid, at + 8, at + 8, bad);
        yield broken(id, wire + "invalid UTF-8 in a string", path, body, "application/json");
      }
    };
  }

  private byte[] otlpJsonValid() {
    String traceId = Valid.hex(r, 16);
    List<ObjectNode> spans = new ArrayList<>();
    goodSpans(traceId, spans, OtlpJsonBodies::span);
    return new RawJson().render(OtlpJsonBodies.request(spans));
  }

  private byte[] langfuseValid() {
    String traceId = Valid.hex(r, 16);
    return new RawJson()
        .render(
            LangfuseBodies.batch(
                List.of(
                    LangfuseBodies.traceCreate(r, traceId),
                    LangfuseBodies.observationCreate(r, traceId))));
  }

  private FuzzCase wrongHeaders(String id) {
    boolean langfuse = r.nextBoolean();
    boolean protobuf = !langfuse && r.nextBoolean();
    FuzzCase base =
        langfuse
            ? langfuseItems(id, Framing.CONTENT_LENGTH)
            : protobuf
                ? otlpProtoItems(id, Framing.CONTENT_LENGTH)
                : otlpJsonItems(id, Framing.CONTENT_LENGTH);
    Map<String, String> headers = new LinkedHashMap<>(base.headers());
    String shown;
    if (r.nextBoolean()) {
      String type =
          pick(
              r,
              List.of(
                  "",
                  "text/plain",
                  "application/xml",
                  "multipart/form-data; boundary=x",
                  protobuf ? "application/json" : "application/x-protobuf",
                  "application/json; charset=latin1",
                  "application/protobuf",
                  "*/*",
                  "\u00e9"));
      if (type.isEmpty()) headers.remove("Content-Type");
      else headers.put("Content-Type", type);
      shown = "Content-Type " + (type.isEmpty() ? "missing" : "'" + type + "'");
    } else {
      boolean gzipped = headers.containsKey("Content-Encoding");
      String encoding =
          pick(
              r,
              List.of(
                  "", "gzip", "br", "deflate", "gzip, gzip", "identity", "compress", "GZIP;q=1"));
      if (encoding.isEmpty()) headers.remove("Content-Encoding");
      else headers.put("Content-Encoding", encoding);
      shown =
          "Content-Encoding "
              + (encoding.isEmpty() ? "missing" : "'" + encoding + "'")
              + (gzipped ? " on a gzip body" : " on a plain body");
    }
    return new FuzzCase(
        id,
        base.kind() + " with " + shown,
        base.path(),
        headers,
        base.body(),
        Framing.CONTENT_LENGTH,
        Expect.NO_5XX,
        List.of());
  }

  private FuzzCase gzipBroken(String id) {
    boolean langfuse = r.nextBoolean();
    byte[] plain = langfuse ? langfuseValid() : otlpJsonValid();
    byte[] gz = gzip(plain);
    ByteMutations.Mutated m = ByteMutations.blind(r, gz);
    Map<String, String> headers = headers("application/json");
    headers.put("Content-Encoding", "gzip");
    return new FuzzCase(
        id,
        (langfuse ? "langfuse" : "otlp-json") + " gzip " + m.shown(),
        langfuse ? FuzzCase.INGESTION_PATH : FuzzCase.OTLP_PATH,
        headers,
        m.bytes(),
        Framing.CONTENT_LENGTH,
        Expect.NO_5XX,
        List.of());
  }

  private FuzzCase bomb(String id) {
    Bombs.Bomb b = pick(r, bombs.all());
    boolean langfuse = r.nextBoolean();
    Map<String, String> headers = headers(b.contentType());
    headers.put("Content-Encoding", "gzip");
    return new FuzzCase(
        id,
        "gzip bomb " + b.name() + " to " + (langfuse ? "langfuse" : "otlp"),
        langfuse ? FuzzCase.INGESTION_PATH : FuzzCase.OTLP_PATH,
        headers,
        b.body(),
        Framing.CONTENT_LENGTH,
        Expect.NO_5XX,
        List.of());
  }

  private FuzzCase broken(String id, String kind, String path, byte[] body, String contentType) {
    return new FuzzCase(
        id,
        kind,
        path,
        headers(contentType),
        body,
        Framing.CONTENT_LENGTH,
        Expect.NO_5XX,
        List.of());
  }

  private static int indexOf(byte[] in, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= in.length; i++) {
      for (int j = 0; j < what.length; j++) if (in[i + j] != what[j]) continue outer;
      return i;
    }
    throw new IllegalStateException("not found");
  }

  private static Map<String, String> headers(String contentType) {
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
