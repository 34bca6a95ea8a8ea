package dev.loupe.server.fuzz;

import static dev.loupe.server.fuzz.Valid.pick;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;

/**
 * Langfuse {@code /api/public/ingestion} batches: valid trace, span and generation events as the
 * Langfuse SDKs send them, and the ways one event can be wrong while the batch stays well-formed.
 */
final class LangfuseBodies {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private LangfuseBodies() {}

  static ObjectNode batch(List<JsonNode> events) {
    ObjectNode root = F.objectNode();
    ArrayNode batch = root.putArray("batch");
    events.forEach(batch::add);
    root.putObject("metadata").put("sdk_name", "fuzz").put("batch_size", events.size());
    return root;
  }

  static ObjectNode event(Random r, String type, ObjectNode body) {
    ObjectNode e = F.objectNode();
    e.put("id", Valid.hex(r, 12));
    e.put("timestamp", Valid.instant(Valid.startNanos(r)).toString());
    e.put("type", type);
    e.set("body", body);
    return e;
  }

  static ObjectNode traceCreate(Random r, String traceId) {
    ObjectNode body = F.objectNode();
    body.put("id", traceId).put("name", "fuzz-trace").put("userId", "user-" + r.nextInt(20));
    body.put("sessionId", "session-" + r.nextInt(20));
    body.put("timestamp", Valid.instant(Valid.startNanos(r)).toString());
    body.putArray("tags").add("fuzz");
    return event(r, "trace-create", body);
  }

  /** A span or generation create for {@code traceId} with a fresh observation id. */
  static ObjectNode observationCreate(Random r, String traceId) {
    Valid.Span s = Valid.span(r, traceId, "");
    boolean generation = "generation".equals(s.attributes().get("langfuse.observation.type"));
    ObjectNode body = F.objectNode();
    body.put("id", s.spanId()).put("traceId", traceId).put("name", s.name());
    body.put("startTime", Valid.instant(s.startNanos()).toString());
    body.put("endTime", Valid.instant(s.endNanos()).toString());
    body.putObject("input").put("query", "order A-1001");
    if (generation) {
      body.put("model", "gpt-4o");
      body.putObject("usageDetails").put("input", 1 + r.nextInt(2000)).put("output", 17);
      body.putObject("modelParameters").put("temperature", 0.2);
    }
    return event(r, generation ? "generation-create" : "span-create", body);
  }

  /**
   * Applies one random event-level mutation to the event at {@code index}; returns its description.
   */
  static String mutate(Random r, ArrayNode batch, int index, RawJson raw) {
    ObjectNode event = (ObjectNode) batch.get(index);
    ObjectNode body = (ObjectNode) event.get("body");
    return switch (r.nextInt(10)) {
      case 0 -> {
        Weird.W v = timestamp(r, raw);
        event.set("timestamp", v.node());
        yield "timestamp=" + v.shown();
      }
      case 1, 2 -> {
        String field = pick(r, List.of("startTime", "endTime", "completionStartTime"));
        Weird.W v = timestamp(r, raw);
        body.set(field, v.node());
        yield "body." + field + "=" + v.shown();
      }
      case 3 -> {
        Weird.W v = usageOrCost(r, raw, "input");
        body.set("usageDetails", v.node());
        yield "body.usageDetails=" + v.shown();
      }
      case 4 -> {
        Weird.W v = usageOrCost(r, raw, pick(r, List.of("total", "input")));
        body.set("costDetails", v.node());
        yield "body.costDetails=" + v.shown();
      }
      case 5 -> {
        String field = pick(r, List.of("name", "model", "input", "output", "metadata"));
        Weird.W v =
            r.nextInt(4) == 0
                ? Weird.raw(raw, RawJson.nestedObjects(200 + r.nextInt(200)))
                : Weird.text(r, raw);
        body.set(field, v.node());
        yield "body." + field + "=" + v.shown();
      }
      case 6 -> {
        Weird.W v =
            Weird.lit(
                pick(
                    r,
                    List.of(
                        "\"foo-create\"",
                        "null",
                        "5",
                        "\"\"",
                        "\"score-create\"",
                        "\"sdk-log\"",
                        "\"TRACE-CREATE\"")));
        event.set("type", v.node());
        yield "type=" + v.shown();
      }
      case 7 -> {
        String field = pick(r, List.of("body", "id"));
        Weird.W v = Weird.lit(pick(r, List.of("null", "[]", "\"x\"", "5", "{}", "\"\"")));
        event.set(field, v.node());
        yield field + "=" + v.shown();
      }
      case 8 -> {
        String field =
            pick(
                r,
                List.of(
                    "id",
                    "traceId",
                    "level",
                    "promptVersion",
                    "version",
                    "parentObservationId",
                    "modelParameters",
                    "usage",
                    "environment",
                    "statusMessage"));
        Weird.W v =
            r.nextBoolean()
                ? Weird.anyValue(r, raw)
                : Weird.lit(
                    pick(
                        r,
                        List.of(
                            "\"NOPE\"",
                            "{\"promptTokens\": -1, \"completionTokens\": \"x\"}",
                            "\"" + "y".repeat(5000) + "\"")));
        body.set(field, v.node());
        yield "body." + field + "=" + v.shown();
      }
      default -> {
        Weird.W v = Weird.lit(pick(r, List.of("5", "null", "[]", "\"event\"", "{}")));
        batch.set(index, v.node());
        yield "event=" + v.shown();
      }
    };
  }

  private static Weird.W timestamp(Random r, RawJson raw) {
    return switch (r.nextInt(3)) {
      case 0 -> Weird.raw(raw, pick(r, Weird.HUGE_NUMBERS));
      case 1 -> Weird.lit(pick(r, List.of("1700000000000", "{}", "[]", "true", "-1")));
      default -> Weird.text(pick(r, Weird.ABSURD_TIMES));
    };
  }

  private static Weird.W usageOrCost(Random r, RawJson raw, String key) {
    if (r.nextInt(3) == 0)
      return Weird.raw(raw, "{\"" + key + "\": " + pick(r, Weird.HUGE_NUMBERS) + "}");
    return Weird.lit(
        pick(
            r,
            List.of(
                "{\"" + key + "\": -5}",
                "{\"" + key + "\": \"x\"}",
                "{\"" + key + "\": 1.5}",
                "{\"" + key + "\": 0.0000000000000001}",
                "{\"" + key + "\": 9223372036854775807, \"output\": 9223372036854775807}",
                "{\"" + key + "\": null}",
                "{\"" + key + "\": {}}",
                "\"x\"",
                "[]",
                "5")));
  }
}
