package dev.loupe.server.fuzz;

import static dev.loupe.server.fuzz.Valid.pick;

import dev.loupe.server.fuzz.FuzzCase.Expect;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Bodies broken as a whole, which may be refused whole (any answer but a 5xx): protobuf with
 * corrupted wire types, lengths and varints, blind byte mutations, nesting past the parsers'
 * limits, invalid UTF-8, broken envelopes, wrong headers, corrupt gzip and gzip bombs.
 */
final class BrokenCases {
  private final Random r;
  private final Generator items;
  private final Bombs bombs;

  BrokenCases(Random r, Generator items, Bombs bombs) {
    this.r = r;
    this.items = items;
    this.bombs = bombs;
  }

  FuzzCase otlpProtoBroken(String id) {
    String traceId = Valid.hex(r, 16);
    List<Span.Builder> builders = new ArrayList<>();
    items.goodSpans(traceId, builders, OtlpProtoBodies::span);
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

  FuzzCase jsonBroken(String id, boolean langfuse) {
    byte[] valid;
    if (langfuse) {
      valid = items.langfuseValid();
    } else {
      valid = r.nextBoolean() ? Fixtures.JSON : items.otlpJsonValid();
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

  FuzzCase wrongHeaders(String id) {
    boolean langfuse = r.nextBoolean();
    boolean protobuf = !langfuse && r.nextBoolean();
    FuzzCase base =
        langfuse
            ? items.langfuseItems(id, Framing.CONTENT_LENGTH)
            : protobuf
                ? items.otlpProtoItems(id, Framing.CONTENT_LENGTH)
                : items.otlpJsonItems(id, Framing.CONTENT_LENGTH);
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

  FuzzCase gzipBroken(String id) {
    boolean langfuse = r.nextBoolean();
    byte[] plain = langfuse ? items.langfuseValid() : items.otlpJsonValid();
    byte[] gz = Generator.gzip(plain);
    ByteMutations.Mutated m = ByteMutations.blind(r, gz);
    Map<String, String> headers = Generator.headers("application/json");
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

  FuzzCase bomb(String id) {
    Bombs.Bomb b = pick(r, bombs.all());
    boolean langfuse = r.nextBoolean();
    Map<String, String> headers = Generator.headers(b.contentType());
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
        Generator.headers(contentType),
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
}
