package dev.loupe.server.fuzz;

import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Valid content to start from: spans as the Langfuse SDK writes them (a generation with model,
 * usage and chat input, or a plain span), with random ids and times in November 2026.
 */
final class Valid {
  static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");

  private Valid() {}

  /** One span, wire-neutral; attribute values are strings. */
  record Span(
      String traceId,
      String spanId,
      String parentId,
      String name,
      long startNanos,
      long endNanos,
      Map<String, String> attributes) {}

  static String hex(Random r, int bytes) {
    byte[] b = new byte[bytes];
    r.nextBytes(b);
    b[0] |= 1; // never all zeros
    return HexFormat.of().formatHex(b);
  }

  static long startNanos(Random r) {
    long seconds = BASE.getEpochSecond() + r.nextInt(30 * 24 * 3600);
    return seconds * 1_000_000_000L + r.nextInt(1_000_000) * 1000L;
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
  }

  static Span span(Random r, String traceId, String parentId) {
    long start = startNanos(r);
    long end = start + (1 + r.nextInt(5000)) * 1_000_000L;
    Map<String, String> attributes = new LinkedHashMap<>();
    String name;
    if (r.nextBoolean()) {
      name = pick(r, List.of("chat", "draft-reply", "summarize", "classify"));
      attributes.put("langfuse.observation.type", "generation");
      attributes.put("langfuse.observation.model.name", pick(r, List.of("gpt-4o", "gpt-4o-mini")));
      attributes.put(
          "langfuse.observation.usage_details",
          "{\"input\":" + (1 + r.nextInt(2000)) + ",\"output\":" + (1 + r.nextInt(500)) + "}");
      attributes.put("langfuse.observation.input", "[{\"role\":\"user\",\"content\":\"hello\"}]");
      attributes.put("langfuse.observation.output", "{\"role\":\"assistant\",\"content\":\"hi\"}");
    } else {
      name = pick(r, List.of("handle-request", "retrieve", "tool:search", "cache-miss"));
      attributes.put("langfuse.observation.type", "span");
      attributes.put("langfuse.observation.input", "{\"query\":\"order A-1001\"}");
    }
    attributes.put("user.id", "user-" + r.nextInt(20));
    attributes.put("session.id", "session-" + r.nextInt(20));
    return new Span(traceId, hex(r, 8), parentId, name, start, end, attributes);
  }

  static <T> T pick(Random r, List<T> options) {
    return options.get(r.nextInt(options.size()));
  }
}
